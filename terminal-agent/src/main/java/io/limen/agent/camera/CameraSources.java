package io.limen.agent.camera;

import io.limen.agent.time.Scheduler;
import io.limen.config.CameraConfig;
import io.limen.config.CameraSource;
import java.nio.file.Files;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Makes the frame source the camera config names. Opening starts nothing: a process source starts its
 * process at the first {@link FrameSource#next}, on the camera reader thread, so a missing camera is a
 * log line and a retry there, never a failure to start the terminal.
 *
 * <pre>
 *   kind        source
 *   process     CameraProcessSource running the command as given
 *   v4l2        CameraProcessSource running ffmpeg on the device (grey frames)
 *   rpicam      CameraProcessSource running rpicam-vid (YUV 4:2:0, luma kept)
 *   replay      a folder: ImageFolderSource; a file: CameraProcessSource running ffmpeg on it
 *   synthetic   whatever the caller supplies (the demo's scripted scenes)
 * </pre>
 */
public final class CameraSources {

    private CameraSources() {
    }

    /**
     * @param camera    the camera section of the config
     * @param scheduler the watchdog, the restart backoff and replay pacing run on it
     * @param counters  where frames read, restarts and short reads are counted
     * @param synthetic the source a {@code synthetic} camera reads; not called for other kinds
     * @param images    reads the images of a replayed folder ({@code ImageFrames::read})
     */
    public static FrameSource open(CameraConfig camera, Scheduler scheduler, CameraCounters counters,
                                   Supplier<? extends FrameSource> synthetic, ImageReader images) {
        Objects.requireNonNull(camera, "camera must not be null");
        Objects.requireNonNull(scheduler, "scheduler must not be null");
        Objects.requireNonNull(counters, "counters must not be null");
        Objects.requireNonNull(synthetic, "synthetic must not be null");
        Objects.requireNonNull(images, "images must not be null");
        return switch (camera.source()) {
            case CameraSource.Synthetic s -> synthetic.get();
            case CameraSource.Replay r when Files.isDirectory(r.path()) ->
                    new ImageFolderSource(r.path(), r.framesPerSecond(), r.loop(), images, scheduler, counters);
            default -> new CameraProcessSource(CameraCommands.of(camera, camera.source()), camera, scheduler, counters,
                    RandomGenerator.getDefault());
        };
    }
}
