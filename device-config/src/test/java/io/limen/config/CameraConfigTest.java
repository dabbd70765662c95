package io.limen.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The camera section: each source kind, the region of interest, the watchdog and the backoff, refused with field, rule and value. */
class CameraConfigTest {

    private static final CameraConfig CAMERA = CameraConfig.DEFAULTS;

    @Test
    void defaults_areASyntheticWholeFrameCamera_withFiveSecondWatchdog() {
        assertEquals(new CameraSource.Synthetic(), CAMERA.source());
        assertEquals("synthetic", CAMERA.source().kind());
        assertEquals(Optional.empty(), CAMERA.regionOfInterest());
        assertEquals(Duration.ofSeconds(5), CAMERA.watchdog());
        assertEquals(new RestartBackoff(Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(10)), CAMERA.restartBackoff());
    }

    @Test
    void eachKind_namesItself() {
        assertEquals("process", new CameraSource.Process(List.of("cam"), CameraSource.PixelFormat.GRAY).kind());
        assertEquals("v4l2", new CameraSource.V4l2(Path.of("/dev/video0")).kind());
        assertEquals("rpicam", new CameraSource.Rpicam(0).kind());
        assertEquals("replay", new CameraSource.Replay(Path.of("clip.mp4"), 30, true).kind());
    }

    @Test
    void processCommand_isCopied_andMustNameAProgram() {
        var words = new java.util.ArrayList<>(List.of("ffmpeg", "-i", "x"));
        var process = new CameraSource.Process(words, CameraSource.PixelFormat.YUV420);
        words.clear();
        assertEquals(List.of("ffmpeg", "-i", "x"), process.command());

        var empty = assertThrows(IllegalArgumentException.class, () -> new CameraSource.Process(List.of(), CameraSource.PixelFormat.GRAY));
        assertEquals("camera.source.command must have 1..64 words, but had 0", empty.getMessage());
        var blank = assertThrows(IllegalArgumentException.class, () -> new CameraSource.Process(List.of(" "), CameraSource.PixelFormat.GRAY));
        assertEquals("camera.source.command must start with a program name, but started with \" \"", blank.getMessage());
        var nul = assertThrows(IllegalArgumentException.class,
                () -> new CameraSource.Process(List.of("cam", "a\0b"), CameraSource.PixelFormat.GRAY));
        assertEquals("camera.source.command words must not contain NUL, but one did", nul.getMessage());
        var format = assertThrows(NullPointerException.class, () -> new CameraSource.Process(List.of("cam"), null));
        assertEquals("camera.source.pixelFormat must be set", format.getMessage());
    }

    @Test
    void rpicamIndexAndReplayRate_outOfRange_areRefused() {
        var index = assertThrows(IllegalArgumentException.class, () -> new CameraSource.Rpicam(8));
        assertEquals("camera.source.camera must be within 0..7, but was 8", index.getMessage());
        var rate = assertThrows(IllegalArgumentException.class, () -> new CameraSource.Replay(Path.of("d"), 0, false));
        assertEquals("camera.source.framesPerSecond must be within 1..120, but was 0", rate.getMessage());
        var device = assertThrows(NullPointerException.class, () -> new CameraSource.V4l2(null));
        assertEquals("camera.source.device must be set", device.getMessage());
    }

    @Test
    void rpicamWidth_mustBeAMultipleOf64_becauseItsRowsArePadded() {
        var e = assertThrows(IllegalArgumentException.class, () -> new CameraConfig(1000, 720, 30, 3).withSource(new CameraSource.Rpicam(0)));
        assertEquals("camera.width must be a multiple of 64 for an rpicam source, but was 1000", e.getMessage());
        assertEquals(1280, CAMERA.withSource(new CameraSource.Rpicam(1)).width());
        var odd = assertThrows(IllegalArgumentException.class, () -> new CameraConfig(1280, 721, 30, 3).withSource(new CameraSource.Rpicam(0)));
        assertEquals("camera.height must be even for an rpicam source, but was 721", odd.getMessage());
    }

    @Test
    void regionOfInterest_mustLieInsideTheFrame() {
        var region = new RegionOfInterest(1200, 0, 200, 100);
        var e = assertThrows(IllegalArgumentException.class, () -> CAMERA.withRegionOfInterest(Optional.of(region)));
        assertEquals("camera.regionOfInterest must lie within the 1280x720 frame, but was 200x100+1200+0", e.getMessage());
        var inside = new RegionOfInterest(1080, 620, 200, 100);
        assertEquals(Optional.of(inside), CAMERA.withRegionOfInterest(Optional.of(inside)).regionOfInterest());
        var tiny = assertThrows(IllegalArgumentException.class, () -> new RegionOfInterest(0, 0, 8, 100));
        assertEquals("camera.regionOfInterest.width must be within 16..4096, but was 8", tiny.getMessage());
    }

    @Test
    void watchdogAndBackoff_outOfRange_areRefused() {
        var watchdog = assertThrows(IllegalArgumentException.class, () -> CAMERA.withWatchdog(Duration.ofMillis(50), RestartBackoff.DEFAULTS));
        assertEquals("camera.watchdog must be within 100..60000 ms, but was 50 ms", watchdog.getMessage());
        var inverted = assertThrows(IllegalArgumentException.class,
                () -> new RestartBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ZERO));
        assertEquals("camera.restartBackoff.max must be within 2000..600000 ms, but was 1000 ms", inverted.getMessage());
        var initial = assertThrows(IllegalArgumentException.class,
                () -> new RestartBackoff(Duration.ZERO, Duration.ofSeconds(1), Duration.ZERO));
        assertEquals("camera.restartBackoff.initial must be within 10..60000 ms, but was 0 ms", initial.getMessage());
    }

    @Test
    void agentConfig_withCamera_replacesTheCameraOnly() {
        AgentConfig config = AgentConfig.defaults(Path.of("trust.pem"));
        CameraConfig usb = CAMERA.withSource(new CameraSource.V4l2(Path.of("/dev/video0")));
        AgentConfig replaced = config.withCamera(usb);
        assertEquals(usb, replaced.camera());
        assertEquals(config.gate(), replaced.gate());
    }
}
