package io.limen.agent.camera;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.agent.cli.image.ImageFrames;
import io.limen.agent.decode.QrDecoder;
import io.limen.agent.time.ExecutorScheduler;
import io.limen.config.CameraConfig;
import io.limen.config.CameraSource;
import io.limen.config.CameraSource.PixelFormat;
import io.limen.config.RestartBackoff;
import io.limen.format.cose.CoseAlgorithm;
import io.limen.format.credential.Claims;
import io.limen.format.credential.CredentialId;
import io.limen.format.credential.CredentialIssuer;
import io.limen.format.credential.IssuerKey;
import io.limen.provisioning.QrImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The camera-process source against real processes: ffmpeg showing a code issued by the fleet tools,
 * and tools that exit, hang, write short frames or garbage, or are not installed. Small frames
 * (160×120 = 19,200 bytes), a 300 ms watchdog where a hang is the point and 20..100 ms backoff keep the whole class to a few
 * seconds; waits are bounded polls, never sleeps.
 */
class CameraProcessSourceTest {

    private static final int FRAME = 160 * 120;
    private static final Duration PATIENCE = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private final ExecutorScheduler scheduler = new ExecutorScheduler("test-camera-scheduler");
    private final CameraCounters counters = new CameraCounters();
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        scheduler.close();
    }

    @Test
    void ffmpegShowingAnIssuedCode_onAMovingPattern_isReadFrameByFrame_andTheCameraPathDecodesIt() throws Exception {
        String text = issuedCredential();
        Path png = Files.write(dir.resolve("code.png"), QrImage.png(text));
        CameraProcessSource source = process(640, 480, PixelFormat.GRAY, "ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error",
                "-f", "lavfi", "-i", "testsrc=size=640x480:rate=30", "-i", png.toString(),
                "-filter_complex", "[1]scale=360:-1[q];[0][q]overlay=x=20+40*t:y=60", "-frames:v", "8",
                "-pix_fmt", "gray", "-f", "rawvideo", "-");
        QrDecoder decoder = new QrDecoder();

        long lastArrival = Long.MIN_VALUE;
        for (int i = 1; i <= 5; i++) {
            Frame frame = source.next().orElseThrow();
            assertEquals(List.of(640, 480, 640, (long) i), List.of(frame.width(), frame.height(), frame.stride(), frame.sequence()));
            assertTrue(frame.arrivalNanos() >= lastArrival, "arrival times in order");
            lastArrival = frame.arrivalNanos();
            assertEquals(Optional.of(text), decoder.decode(frame), "frame " + i);
            source.release(frame);
        }
        assertEquals(new CameraCounters.Counts(5, 0, 0, 0), counters.snapshot());
    }

    @Test
    void yuv420_keepsTheLumaPlane_andSkipsBothChromaPlanes() throws Exception {
        // White is Y 235 and U, V 128: a chroma byte read as luma would show as 128.
        CameraProcessSource source = process(160, 120, PixelFormat.YUV420, "ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error",
                "-f", "lavfi", "-i", "color=c=white:size=160x120:rate=30", "-frames:v", "4", "-pix_fmt", "yuv420p", "-f", "rawvideo", "-");
        for (int i = 0; i < 4; i++) {
            Frame frame = source.next().orElseThrow();
            for (byte b : frame.luma()) {
                assertEquals(235, b & 0xFF, "frame " + frame.sequence());
            }
            source.release(frame);
        }
    }

    @Test
    void processExitingAtOnce_isRestartedWithBackoff_andTheLineSaysItsStatus() {
        CameraProcessSource source = process(160, 120, PixelFormat.GRAY, "sh", "-c", "exit 3");
        read(source);

        await().atMost(PATIENCE).until(() -> counters.snapshot().restarts() >= 3);
        assertEquals(Optional.of("sh: exited with status 3 after 0 frames"), source.lastProblem());
        assertEquals(0, counters.snapshot().framesRead());
    }

    @Test
    void processExitingLater_deliversItsFrames_thenRestarts_andTheSequenceCountsOn() throws Exception {
        CameraProcessSource source = process(160, 120, PixelFormat.GRAY, "sh", "-c", "head -c " + 3 * FRAME + " /dev/zero; exit 1");

        for (long expected = 1; expected <= 7; expected++) {
            Frame frame = source.next().orElseThrow();
            assertEquals(expected, frame.sequence());
            source.release(frame);
        }
        assertEquals(2, counters.snapshot().restarts());
        assertEquals(Optional.of("sh: exited with status 1 after 3 frames"), source.lastProblem());
    }

    @Test
    void processThatHangs_isKilledByTheWatchdog_childrenToo_andRestarted() throws Exception {
        Path pids = dir.resolve("pids");
        CameraConfig camera = small(160, 120, new CameraSource.Process(List.of("sh", "-c",
                "sleep 30 & echo $! >> " + pids + "; head -c " + FRAME + " /dev/zero; wait"), PixelFormat.GRAY), Duration.ofMillis(300));
        CameraProcessSource source = (CameraProcessSource) CameraSources.open(camera, scheduler, counters, () -> null, ImageFrames::read);
        open.add(source);
        read(source);

        await().atMost(PATIENCE).until(() -> counters.snapshot().restarts() >= 2);
        assertEquals(Optional.of("sh: no frame for 300 ms; killed after 1 frames"), source.lastProblem());
        List<String> started = Files.readAllLines(pids);
        assertTrue(started.size() >= 2, "restarted: " + started);
        long firstChild = Long.parseLong(started.get(0).strip());
        await().atMost(PATIENCE).until(() -> ProcessHandle.of(firstChild).map(p -> !p.isAlive()).orElse(true));
    }

    @Test
    void shortFrame_isCountedAndNeverDelivered() throws Exception {
        // A whole frame of zeros, then 100 bytes of 0xFF and the end: the 0xFF bytes must never show.
        CameraProcessSource source = process(160, 120, PixelFormat.GRAY, "sh", "-c",
                "head -c " + FRAME + " /dev/zero; head -c 100 /dev/zero | tr '\\000' '\\377'");

        for (int i = 0; i < 3; i++) {
            Frame frame = source.next().orElseThrow();
            for (byte b : frame.luma()) {
                assertEquals(0, b);
            }
            source.release(frame);
        }
        assertEquals(2, counters.snapshot().shortReads());
        assertEquals(Optional.of("sh: exited with status 0 after 1 frames mid-frame (100 of 19200 bytes: discarded; raw video"
                + " has no sync markers, so the process restarts to re-synchronise)"), source.lastProblem());
    }

    @Test
    void garbage_becomesFramesWithNoCode_andNothingEscapes() throws Exception {
        CameraProcessSource source = process(160, 120, PixelFormat.GRAY, "head", "-c", "1000000", "/dev/urandom");
        QrDecoder decoder = new QrDecoder();

        for (int i = 0; i < 60; i++) {
            Frame frame = source.next().orElseThrow();
            assertEquals(Optional.empty(), decoder.decode(frame));
            source.release(frame);
        }
        // 1,000,000 bytes are 52 frames and 1,600 bytes over: the remainder is a short read, not a frame.
        assertEquals(new CameraCounters.Counts(60, 0, 1, 1), counters.snapshot());
    }

    @Test
    void commandNotInstalled_saysWhatToInstall_andKeepsRetrying() {
        CameraConfig rpicam = small(640, 480, new CameraSource.Rpicam(0));
        FrameSource source = CameraSources.open(rpicam, scheduler, counters, () -> {
            throw new AssertionError("not synthetic");
        }, ImageFrames::read);
        open.add(source);
        read(source);

        await().atMost(PATIENCE).until(() -> counters.snapshot().restarts() >= 3);
        assertEquals(Optional.of("rpicam-vid: cannot start rpicam-vid: not installed or not on PATH — install it: apt-get install"
                + " rpicam-apps"), ((CameraProcessSource) source).lastProblem());
    }

    @Test
    void v4l2DeviceThatDoesNotExist_isSaidPlainly_andRetriedUntilItAppears() {
        FrameSource source = CameraSources.open(small(160, 120, new CameraSource.V4l2(dir.resolve("video99"))), scheduler, counters,
                () -> null, ImageFrames::read);
        open.add(source);
        read(source);

        await().atMost(PATIENCE).until(() -> counters.snapshot().restarts() >= 2);
        assertEquals(Optional.of("ffmpeg: cannot start ffmpeg: " + dir.resolve("video99") + " does not exist — is the camera"
                + " plugged in? (v4l2-ctl --list-devices)"), ((CameraProcessSource) source).lastProblem());
    }

    @Test
    void close_killsTheProcessAndItsChildren_andEndsTheStream() throws Exception {
        Path pids = dir.resolve("pids");
        CameraProcessSource source = process(160, 120, PixelFormat.GRAY, "sh", "-c",
                "sleep 30 & echo $! > " + pids + "; while true; do head -c " + FRAME + " /dev/zero; sleep 0.02; done");
        LatestFrame exchange = new LatestFrame(source::release, counters);
        CameraReader reader = CameraReader.start(source, exchange);
        assertTrue(exchange.take(PATIENCE).isPresent());
        long child = Long.parseLong(Files.readString(pids).strip());

        reader.close();

        assertTrue(reader.finished());
        // A frame the reader offered after our take may still sit in the slot (a loaded machine easily lets
        // one 20 ms frame through before close): it is handed out once, and then the stream has ended.
        // Asserting an empty slot here failed under load.
        exchange.take(Duration.ofMillis(10)).ifPresent(source::release);
        assertTrue(exchange.take(Duration.ofMillis(10)).isEmpty() && exchange.ended());
        await().atMost(PATIENCE).until(() -> ProcessHandle.of(child).map(p -> !p.isAlive()).orElse(true));
        assertEquals(0, counters.snapshot().restarts());
    }

    @Test
    void replayOfAVideoFile_playsAtTheGivenRate_andEndsWhenNotLooping() throws Exception {
        Path clip = dir.resolve("clip.mkv");
        Process make = new ProcessBuilder("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-f", "lavfi",
                "-i", "testsrc=size=320x240:rate=10", "-frames:v", "5", "-c:v", "ffv1", clip.toString()).inheritIO().start();
        assertEquals(0, make.waitFor());
        FrameSource source = CameraSources.open(small(160, 120, new CameraSource.Replay(clip, 40, false)), scheduler, counters,
                () -> null, ImageFrames::read);
        open.add(source);

        int frames = 0;
        for (Optional<Frame> frame = source.next(); frame.isPresent(); frame = source.next()) {
            assertEquals(160, frame.get().width());
            source.release(frame.get());
            frames++;
        }
        // Half a second of video resampled to 40 fps.
        assertTrue(frames >= 15 && frames <= 25, "frames: " + frames);
        assertEquals(Optional.empty(), source.next(), "an ended replay stays ended: no second run");
        assertEquals(0, counters.snapshot().restarts());
    }

    private CameraProcessSource process(int width, int height, PixelFormat format, String... command) {
        CameraConfig camera = small(width, height, new CameraSource.Process(List.of(command), format));
        CameraProcessSource source = (CameraProcessSource) CameraSources.open(camera, scheduler, counters, () -> null, ImageFrames::read);
        open.add(source);
        return source;
    }

    /** Reads the source on a reader thread (as the terminal does), dropping frames as they come. */
    private void read(FrameSource source) {
        LatestFrame exchange = new LatestFrame(source::release, counters);
        open.add(0, CameraReader.start(source, exchange));
    }

    /** A watchdog of 2 s: a machine busy with other builds can pause a healthy process for a few hundred ms. */
    static CameraConfig small(int width, int height, CameraSource source) {
        return small(width, height, source, Duration.ofSeconds(2));
    }

    static CameraConfig small(int width, int height, CameraSource source, Duration watchdog) {
        return new CameraConfig(width, height, 30, 3, source, Optional.empty(), watchdog,
                new RestartBackoff(Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(1)));
    }

    private static String issuedCredential() throws Exception {
        java.security.SecureRandom random = java.security.SecureRandom.getInstance("SHA1PRNG");
        random.setSeed(7);
        IssuerKey key = IssuerKey.generate(CoseAlgorithm.EDDSA, random);
        Instant issued = Instant.parse("2026-11-30T08:00:00Z");
        Claims claims = new Claims("https://issuer.example", "holder-7", issued, Optional.empty(), issued.plus(Duration.ofDays(30)),
                new CredentialId(new byte[] {1, 2, 3, 4}), Optional.empty(), List.of("lobby"), Optional.of("Ada"));
        return new CredentialIssuer(key).issue(claims);
    }
}
