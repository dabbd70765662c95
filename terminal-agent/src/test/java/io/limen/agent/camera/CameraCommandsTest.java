package io.limen.agent.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.config.CameraConfig;
import io.limen.config.CameraSource;
import io.limen.config.CameraSource.PixelFormat;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The preset command lines, word by word: what a technician would type to test the camera by hand. */
class CameraCommandsTest {

    private final CameraConfig camera = new CameraConfig(1280, 720, 30, 3);

    @Test
    void v4l2_isFfmpegReadingTheDevice_asGreyRawVideo() {
        ProcessSpec spec = CameraCommands.of(camera, new CameraSource.V4l2(Path.of("/dev/video0")));
        assertEquals(List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-f", "v4l2", "-framerate", "30",
                "-video_size", "1280x720", "-i", "/dev/video0", "-pix_fmt", "gray", "-f", "rawvideo", "-"), spec.command());
        assertEquals(PixelFormat.GRAY, spec.pixelFormat());
        assertEquals("install it: apt-get install ffmpeg", spec.installHint());
    }

    @Test
    void rpicam_isRpicamVidForever_withoutPreview_asYuv420() {
        ProcessSpec spec = CameraCommands.of(camera, new CameraSource.Rpicam(1));
        assertEquals(List.of("rpicam-vid", "-t", "0", "-n", "--camera", "1", "--codec", "yuv420", "--width", "1280", "--height", "720",
                "--framerate", "30", "-o", "-"), spec.command());
        assertEquals(PixelFormat.YUV420, spec.pixelFormat());
        assertEquals("install it: apt-get install rpicam-apps", spec.installHint());
    }

    @Test
    void videoReplay_loopsInFfmpeg_andOnlyANonLoopingOneEnds() {
        ProcessSpec looping = CameraCommands.of(camera, new CameraSource.Replay(Path.of("door.mp4"), 15, true));
        assertEquals(List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-stream_loop", "-1", "-re", "-i", "door.mp4",
                "-vf", "fps=15,scale=1280:720", "-pix_fmt", "gray", "-f", "rawvideo", "-"), looping.command());
        assertEquals(false, looping.endsWhenDone());
        ProcessSpec once = CameraCommands.of(camera, new CameraSource.Replay(Path.of("door.mp4"), 15, false));
        assertTrue(once.endsWhenDone());
        assertEquals(-1, once.command().indexOf("-stream_loop"));
    }

    @Test
    void process_runsTheCommandAsGiven_andNamesTheProgramWithoutItsFolder() {
        ProcessSpec spec = CameraCommands.of(camera, new CameraSource.Process(List.of("/opt/cam/bin/grab", "--raw"), PixelFormat.YUV420));
        assertEquals(List.of("/opt/cam/bin/grab", "--raw"), spec.command());
        assertEquals("grab", spec.program());
        assertEquals("install it or correct camera.source.command", spec.installHint());
    }

    @Test
    void chroma_isTwoQuarterPlanes_roundedUpForOddSizes() {
        assertEquals(0, ProcessSpec.chromaBytes(PixelFormat.GRAY, 1280, 720));
        assertEquals(1280 * 720 / 2, ProcessSpec.chromaBytes(PixelFormat.YUV420, 1280, 720));
        assertEquals(2 * 81 * 61, ProcessSpec.chromaBytes(PixelFormat.YUV420, 161, 121));
    }

    @Test
    void missingProgram_isSaidPlainly_beforeAnyStart(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        assertEquals(java.util.Optional.empty(), CameraProcessSource.missingProgram(spec("sh")));
        assertEquals(java.util.Optional.of("cannot start limen-no-such-tool: not installed or not on PATH — install it or correct"
                + " camera.source.command"), CameraProcessSource.missingProgram(spec("limen-no-such-tool")));
        Path script = java.nio.file.Files.writeString(dir.resolve("grab"), "#!/bin/sh\n");
        assertEquals(java.util.Optional.of("cannot start " + script + ": not executable (chmod +x, or correct camera.source.command)"),
                CameraProcessSource.missingProgram(spec(script.toString())));
        assertEquals(java.util.Optional.of("cannot start " + dir.resolve("none") + ": no such file — install it or correct"
                + " camera.source.command"), CameraProcessSource.missingProgram(spec(dir.resolve("none").toString())));
    }

    private static ProcessSpec spec(String program) {
        return new ProcessSpec(List.of(program), PixelFormat.GRAY, false);
    }
}
