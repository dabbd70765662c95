package io.limen.agent.selftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.agent.camera.CameraCounters;
import io.limen.agent.camera.CameraSources;
import io.limen.agent.camera.FrameSource;
import io.limen.agent.cli.image.ImageFrames;
import io.limen.agent.decode.QrDecoder;
import io.limen.agent.time.ExecutorScheduler;
import io.limen.config.CameraConfig;
import io.limen.config.CameraSource;
import io.limen.config.RestartBackoff;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The camera check against real sources: ffmpeg showing the printed test card over a moving test pattern
 * (as a camera would), ffmpeg showing no card, a folder of images, and processes that deliver nothing.
 * Windows of 1..3 s; the card run ends early, once the card is read and a second of frames timed.
 */
class CameraCheckTest {

    @TempDir
    Path dir;

    private final ExecutorScheduler scheduler = new ExecutorScheduler("test-selftest-camera");

    @AfterEach
    void close() {
        scheduler.close();
    }

    private List<Check> run(CameraSource source, Duration window, boolean expectCard) throws Exception {
        CameraConfig camera = new CameraConfig(640, 480, 30, 3, source, Optional.empty(), Duration.ofSeconds(2),
                new RestartBackoff(Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(1)));
        CameraCounters counters = new CameraCounters();
        FrameSource frames = CameraSources.open(camera, scheduler, counters, () -> null, ImageFrames::read);
        return new CameraCheck(window, expectCard).run(frames, counters, SelfTest.describe(source));
    }

    /** ffmpeg writing 640×480 grey frames in real time (-re): the lavfi test pattern, with {@code overlay} on it if given. */
    private static CameraSource ffmpeg(Optional<Path> overlay) {
        List<String> input = overlay.map(card -> List.of("-i", card.toString(), "-filter_complex",
                "[1]scale=240:-1[q];[0][q]overlay=x=40+20*t:y=100")).orElse(List.of());
        List<String> command = new java.util.ArrayList<>(List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-re",
                "-f", "lavfi", "-i", "testsrc=size=640x480:rate=30"));
        command.addAll(input);
        command.addAll(List.of("-pix_fmt", "gray", "-f", "rawvideo", "-"));
        return new CameraSource.Process(command, CameraSource.PixelFormat.GRAY);
    }

    @Test
    void ffmpegShowingTheTestCard_passesBoth_andSaysWhenTheCardWasRead() throws Exception {
        Path card = dir.resolve("card.png");
        TestCard.writePng(card);
        long start = System.nanoTime();
        List<Check> checks = run(ffmpeg(Optional.of(card)), Duration.ofSeconds(10), true);
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        Check camera = checks.get(0);
        Check testCard = checks.get(1);
        assertEquals(Check.Status.PASS, camera.status(), camera.detail());
        assertEquals(Check.Status.PASS, testCard.status(), testCard.detail());
        assertTrue(testCard.needed(), "expected by the technician: needed");
        assertTrue(testCard.detail().startsWith("LIMEN-SELFTEST-CARD-1 read "), testCard.detail());
        assertEquals(true, testCard.facts().get("seen"));
        assertTrue((Long) testCard.facts().get("seenAfterMs") < 10_000, testCard.facts().toString());
        // -re paces ffmpeg at the pattern's 30 frames/s; a loaded machine may lag, never run ahead.
        double rate = (Double) camera.facts().get("framesPerSecond");
        assertTrue(rate > 5 && rate < 40, "frames/s " + rate);
        assertTrue((Long) camera.facts().get("framesRead") >= 10, camera.facts().toString());
        assertTrue(tookMs < 9_000, "ended early once the card was read and the rate timed: " + tookMs + " ms");
    }

    @Test
    void noCardInView_cameraPasses_andTheCardIsNotSeen_skippedUnlessExpected() throws Exception {
        List<Check> checks = run(ffmpeg(Optional.empty()), Duration.ofSeconds(3), false); // ffmpeg may take a second to start on a loaded machine
        assertEquals(Check.Status.PASS, checks.get(0).status(), checks.get(0).detail());
        assertEquals(Check.Status.SKIP, checks.get(1).status());
        assertTrue(checks.get(1).detail().startsWith("not seen in "), checks.get(1).detail());
        assertEquals(false, checks.get(1).facts().get("seen"));
        assertNull(checks.get(1).facts().get("seenAfterMs"));

        Check expected = run(ffmpeg(Optional.empty()), Duration.ofMillis(1000), true).get(1);
        assertEquals(Check.Status.FAIL, expected.status());
        assertTrue(expected.blocks(), "the technician said the card is in view: not reading it makes the terminal unfit");
    }

    @Test
    void imageFolderReplay_readsTheCardAmongOtherImages() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("frames"));
        Files.copy(blankPng(), folder.resolve("1-blank.png"));
        TestCard.writePng(folder.resolve("2-card.png"));
        List<Check> checks = run(new CameraSource.Replay(folder, 20, true), Duration.ofSeconds(3), false);

        assertEquals(Check.Status.PASS, checks.get(0).status(), checks.get(0).detail());
        assertTrue(checks.get(0).detail().contains("from replay " + folder), checks.get(0).detail());
        assertEquals(Check.Status.PASS, checks.get(1).status(), checks.get(1).detail());
        assertFalse(checks.get(1).needed(), "not expected: a card seen passes, but was never needed");
    }

    @Test
    void processThatSendsNothing_failsWithinTheWindow_sayingSo() throws Exception {
        long start = System.nanoTime();
        List<Check> checks = run(new CameraSource.Process(List.of("sh", "-c", "exec sleep 30"), CameraSource.PixelFormat.GRAY),
                Duration.ofSeconds(1), false);
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        Check camera = checks.get(0);
        assertTrue(camera.blocks());
        assertTrue(camera.detail().startsWith("no frame from process sh in "), camera.detail());
        assertTrue(camera.detail().endsWith(": sh started but sent no frame"), camera.detail());
        assertEquals(0L, camera.facts().get("framesRead"));
        assertEquals("not seen: no frames (hold up the card from 'selftest --print-test-card' and add --expect-card)",
                checks.get(1).detail());
        assertTrue(tookMs < 4_000, "bounded by the 1 s window and the process's kill: " + tookMs + " ms");
    }

    @Test
    void cameraToolNotInstalled_failsNamingIt() throws Exception {
        Check camera = run(new CameraSource.Process(List.of("no-such-camera-tool"), CameraSource.PixelFormat.GRAY),
                Duration.ofSeconds(1), false).get(0);
        assertTrue(camera.blocks());
        assertTrue(camera.detail().contains(": no-such-camera-tool: cannot start no-such-camera-tool: not installed or not on PATH"),
                camera.detail());
    }

    @Test
    void printedCard_decodesToItsPayload_andIsNeverWrittenOverAFile() throws Exception {
        Path card = dir.resolve("card.png");
        TestCard.writePng(card);
        assertEquals(Optional.of(TestCard.PAYLOAD), QrDecoder.forStillImages().decode(ImageFrames.read(card)));
        assertEquals(Optional.of(TestCard.PAYLOAD), new QrDecoder().decode(ImageFrames.read(card)), "the camera path's decoder too");

        FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class, () -> TestCard.writePng(card));
        assertTrue(e.getMessage().contains("exists"), e.getMessage());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(card), files.toList(), "no temporary file left");
        }
    }

    private Path blankPng() throws Exception {
        Path blank = dir.resolve("blank.png");
        ImageFrames.writePng(new io.limen.agent.camera.Frame(new byte[320 * 240], 320, 240), blank);
        return blank;
    }
}
