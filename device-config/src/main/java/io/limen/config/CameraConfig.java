package io.limen.config;

import java.time.Duration;
import java.util.Optional;

/**
 * What the camera delivers and where from: the frame size the decoder is tuned for, the rate, how many
 * frame buffers the source cycles through (the reader fills one, one waits for the decoder, the decoder
 * reads one: three, so a 30 fps stream allocates no frames), the source, the part of the frame to
 * decode, and how a stalled or failed camera process is restarted.
 *
 * @param width            pixels, 160..4096; for {@link CameraSource.Rpicam} a multiple of 64 (its rows are padded to that)
 * @param height           pixels, 120..4096; for {@link CameraSource.Rpicam} even
 * @param framesPerSecond  1..120
 * @param buffers          frame buffers, 2..8
 * @param source           where frames come from
 * @param regionOfInterest the part of the frame decoded, inside the frame; empty: the whole frame
 * @param watchdog         no frame for this long restarts the camera process, 100 ms..60 s; the first
 *                         frame after a start gets 3 s more (a camera takes a second or two to start)
 * @param restartBackoff   the waits between restarts
 */
public record CameraConfig(int width, int height, int framesPerSecond, int buffers, CameraSource source,
                           Optional<RegionOfInterest> regionOfInterest, Duration watchdog, RestartBackoff restartBackoff) {

    /** {@link #width} in pixels. */
    public static final Range WIDTH = new Range(160, 4096);
    /** {@link #height} in pixels. */
    public static final Range HEIGHT = new Range(120, 4096);
    /** {@link #framesPerSecond}. */
    public static final Range FRAMES_PER_SECOND = new Range(1, 120);
    /** {@link #buffers}. */
    public static final Range BUFFERS = new Range(2, 8);
    /** {@link #watchdog} in milliseconds: 100 ms..60 s. */
    public static final Range WATCHDOG_MS = new Range(100, 60_000);
    public static final Duration DEFAULT_WATCHDOG = Duration.ofSeconds(5);
    public static final CameraConfig DEFAULTS = new CameraConfig(1280, 720, 30, 3);

    public CameraConfig {
        Checks.within("camera.width", width, WIDTH);
        Checks.within("camera.height", height, HEIGHT);
        Checks.within("camera.framesPerSecond", framesPerSecond, FRAMES_PER_SECOND);
        Checks.within("camera.buffers", buffers, BUFFERS);
        Checks.present("camera.source", source);
        Checks.present("camera.regionOfInterest", regionOfInterest);
        Checks.within("camera.watchdog", watchdog, WATCHDOG_MS);
        Checks.present("camera.restartBackoff", restartBackoff);
        // The Pi's ISP writes YUV 4:2:0 with the luma stride aligned to 64 bytes and chroma planes of half
        // the lines (raspberrypi/linux#4419, rpicam-apps#188): other sizes would shear every frame.
        if (source instanceof CameraSource.Rpicam && width % 64 != 0) {
            throw new IllegalArgumentException("camera.width must be a multiple of 64 for an rpicam source, but was " + width);
        }
        if (source instanceof CameraSource.Rpicam && height % 2 != 0) {
            throw new IllegalArgumentException("camera.height must be even for an rpicam source, but was " + height);
        }
        if (regionOfInterest.isPresent() && !regionOfInterest.get().fitsIn(width, height)) {
            throw new IllegalArgumentException("camera.regionOfInterest must lie within the " + width + "x" + height
                    + " frame, but was " + regionOfInterest.get());
        }
    }

    /** A synthetic camera of this size and rate, the whole frame decoded, default watchdog and backoff. */
    public CameraConfig(int width, int height, int framesPerSecond, int buffers) {
        this(width, height, framesPerSecond, buffers, new CameraSource.Synthetic(), Optional.empty(), DEFAULT_WATCHDOG,
                RestartBackoff.DEFAULTS);
    }

    /** The same camera reading from {@code value}. */
    public CameraConfig withSource(CameraSource value) {
        return new CameraConfig(width, height, framesPerSecond, buffers, value, regionOfInterest, watchdog, restartBackoff);
    }

    public CameraConfig withRegionOfInterest(Optional<RegionOfInterest> value) {
        return new CameraConfig(width, height, framesPerSecond, buffers, source, value, watchdog, restartBackoff);
    }

    public CameraConfig withWatchdog(Duration value, RestartBackoff backoff) {
        return new CameraConfig(width, height, framesPerSecond, buffers, source, regionOfInterest, value, backoff);
    }
}
