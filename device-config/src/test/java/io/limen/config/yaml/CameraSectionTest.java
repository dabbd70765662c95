package io.limen.config.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.limen.config.CameraConfig;
import io.limen.config.CameraSource;
import io.limen.config.RegionOfInterest;
import io.limen.config.RestartBackoff;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The camera section: each source kind to its record, kind-specific keys, and the record's own cross-field rules at their keys. */
class CameraSectionTest {

    @TempDir
    Path dir;

    /** Lines 1-5; the camera section starts at line 6. */
    private static final String REST = """
            terminal: {site: hq, id: door-1}
            credentials: {trustFile: trust.pem}
            paths: {state: state, logs: logs}
            # camera:
            """;

    @BeforeEach
    void files() throws IOException {
        ConfigLoads.writeNamedFiles(dir);
        Files.createDirectories(dir.resolve("frames"));
        Files.writeString(dir.resolve("video0"), "");
    }

    private Path write(String camera) throws IOException {
        return Files.writeString(dir.resolve("c.yaml"), REST + camera);
    }

    private CameraConfig camera(String camera) throws IOException {
        return ConfigLoads.loaded(write(camera)).camera();
    }

    private List<String> problems(String camera) throws IOException {
        return ConfigLoads.problems(write(camera));
    }

    @Test
    void everyKind_becomesItsSource() throws IOException {
        assertEquals(new CameraSource.V4l2(dir.resolve("video0")), camera("camera: {source: {kind: v4l2, device: video0}}\n").source());
        assertEquals(new CameraSource.Rpicam(1), camera("camera: {source: {kind: rpicam, camera: 1}}\n").source());
        assertEquals(new CameraSource.Rpicam(0), camera("camera: {source: {kind: rpicam}}\n").source());
        assertEquals(new CameraSource.Process(List.of("ffmpeg", "-i", "x", "-"), CameraSource.PixelFormat.YUV420),
                camera("camera: {source: {kind: process, command: [ffmpeg, -i, x, \"-\"], pixelFormat: yuv420}}\n").source());
        assertEquals(new CameraSource.Replay(dir.resolve("frames"), 5, true),
                camera("camera: {source: {kind: replay, path: frames, framesPerSecond: 5, loop: true}}\n").source());
        assertEquals(new CameraSource.Synthetic(), camera("camera: {source: {kind: synthetic}}\n").source());
    }

    @Test
    void regionWatchdogAndBackoff_landInTheRecord() throws IOException {
        CameraConfig camera = camera("""
                camera:
                  source: {kind: synthetic}
                  regionOfInterest: {x: 10, y: 20, width: 300, height: 200}
                  watchdogMs: 2000
                  restartBackoff: {initialMs: 100, maxMs: 1000, resetAfterMs: 0}
                """);
        assertEquals(Optional.of(new RegionOfInterest(10, 20, 300, 200)), camera.regionOfInterest());
        assertEquals(Duration.ofSeconds(2), camera.watchdog());
        assertEquals(new RestartBackoff(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ZERO), camera.restartBackoff());
        assertEquals(Optional.empty(), camera("camera: {source: {kind: synthetic}}\n").regionOfInterest());
    }

    @Test
    void keysOfAnotherKind_missingOrUnknownKind_andADeviceThatDoesNotExist() throws IOException {
        assertEquals(List.of("5:44 camera.source.device: not a key of this kind — device goes with kind v4l2;"
                        + " this kind has: kind, camera"),
                problems("camera: {source: {kind: rpicam, camera: 0, device: video0}}\n"));
        assertEquals(List.of("5:25 camera.source.kind: \"usb\" — must be one of v4l2, rpicam, process, replay, synthetic"),
                problems("camera: {source: {kind: usb}}\n"));
        assertEquals(List.of("5:18 camera.source.kind: missing — required: one of v4l2, rpicam, process, replay, synthetic"),
                problems("camera: {source: {device: video0}}\n"));
        assertEquals(List.of("5:39 camera.source.device: /dev/limen-no-such-video does not exist — must be an existing device"),
                problems("camera: {source: {kind: v4l2, device: /dev/limen-no-such-video}}\n"));
        assertEquals(List.of("5:43 camera.source.command: a list — must be a list of 1 to 64 non-empty texts"),
                problems("camera: {source: {kind: process, command: []}}\n"));
    }

    @Test
    void recordRulesAcrossKeys_areReportedAtTheKeyTheyName() throws IOException {
        assertEquals(List.of("6:10 camera.width: must be a multiple of 64 for an rpicam source, but was 1000"),
                problems("camera:\n  width: 1000\n  source: {kind: rpicam}\n"));
        assertEquals(List.of("9:21 camera.regionOfInterest: must lie within the 640x480 frame, but was 300x200+400+0"),
                problems("camera:\n  width: 640\n  height: 480\n  source: {kind: synthetic}\n"
                        + "  regionOfInterest: {x: 400, y: 0, width: 300, height: 200}\n"));
        assertEquals(List.of("7:44 camera.restartBackoff.maxMs: must be within 5000..600000 ms, but was 1000 ms"),
                problems("camera:\n  source: {kind: synthetic}\n  restartBackoff: {initialMs: 5000, maxMs: 1000}\n"));
    }

    @Test
    void regionOfInterest_givenInPart_namesTheMissingKeys() throws IOException {
        assertEquals(List.of("7:21 camera.regionOfInterest.width: missing — required: a whole number between 16 and 4096",
                        "7:21 camera.regionOfInterest.height: missing — required: a whole number between 16 and 4096"),
                problems("camera:\n  source: {kind: synthetic}\n  regionOfInterest: {x: 0, y: 0}\n"));
    }
}
