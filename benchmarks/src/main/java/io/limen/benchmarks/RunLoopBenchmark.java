package io.limen.benchmarks;

import io.limen.agent.HardwareSeams;
import io.limen.agent.ScanOutcome;
import io.limen.agent.Terminal;
import io.limen.agent.camera.CameraCounters;
import io.limen.agent.camera.CameraSources;
import io.limen.agent.camera.Frame;
import io.limen.agent.decode.QrDecoder;
import io.limen.agent.display.RecordingDisplay;
import io.limen.agent.gate.GpioContexts;
import io.limen.agent.revocation.SqliteConnections;
import io.limen.agent.run.TerminalRun;
import io.limen.agent.simulation.SyntheticScene;
import io.limen.agent.time.ExecutorScheduler;
import io.limen.agent.time.SystemWallClock;
import io.limen.config.AgentConfig;
import io.limen.config.CameraConfig;
import io.limen.config.CameraSource;
import io.limen.config.TerminalConfig;
import io.limen.format.Reason;
import io.limen.format.cose.CoseAlgorithm;
import io.limen.format.credential.Claims;
import io.limen.format.credential.CredentialId;
import io.limen.format.credential.CredentialIssuer;
import io.limen.format.credential.IssuerKey;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The whole {@code run} loop fed by a real camera process: ffmpeg plays a raw grey 1280×720 stream at
 * 30 fps in real time ({@code -re}), looping, through the camera-process source, the latest-frame
 * exchange, the admit thread with debounce, the gate (Pi4J mock pins) and a recording display.
 *
 * <p>The stream: 30 different valid passes, each in view for 3 frames and then one empty frame, so a
 * decision every 4 frames (7.5 a second) and each pass back after 4 s, past the debounce absence.
 *
 * <p>Not a JMH benchmark: the quantity is a 60-second run of a whole process (threads, a child
 * process, the collector), not an operation in a loop. It prints frames read and dropped, frame arrival
 * → relay command (p50, p99, max) over every decision, the time from the start of the run (assembling
 * the terminal, starting ffmpeg) to the first decision, and the resident memory (VmRSS) at the end. Run it with the heap a
 * 1 GB Pi would give the agent, e.g.
 * {@code java -Xmx64m -cp benchmarks/target/benchmarks.jar io.limen.benchmarks.RunLoopBenchmark 60}.
 */
public final class RunLoopBenchmark {

    static final int WIDTH = 1280;
    static final int HEIGHT = 720;
    static final int CODES = 30;

    private RunLoopBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        Path dir = Files.createTempDirectory("limen-run-bench");
        Instant now = Instant.now();
        IssuerKey key = IssuerKey.generate(CoseAlgorithm.EDDSA, new SecureRandom());
        Path trust = Files.writeString(dir.resolve("trust.pem"), key.publicKeyPem());
        Path stream = writeStream(dir.resolve("frames.gray"), key, now);

        long runStart = System.nanoTime();
        CameraConfig camera = new CameraConfig(WIDTH, HEIGHT, 30, 3).withSource(new CameraSource.Process(List.of(
                "ffmpeg", "-hide_banner", "-loglevel", "error", "-re", "-stream_loop", "-1",
                "-f", "rawvideo", "-pix_fmt", "gray", "-s", WIDTH + "x" + HEIGHT, "-r", "30", "-i", stream.toString(),
                "-f", "rawvideo", "-pix_fmt", "gray", "-"), CameraSource.PixelFormat.GRAY));
        AgentConfig config = AgentConfig.defaults(trust).withTerminal(new TerminalConfig("bench", "door-1", Optional.of("lobby")))
                .withCamera(camera);
        ExecutorScheduler scheduler = new ExecutorScheduler("scheduler");
        CameraCounters counters = new CameraCounters();
        HardwareSeams seams = new HardwareSeams(CameraSources.open(camera, scheduler, counters, () -> {
            throw new IllegalStateException("not synthetic");
        }, file -> {
            throw new IOException("no images");
        }), GpioContexts.simulated(), new RecordingDisplay(), SystemWallClock.trustingSystemClock(), scheduler, SqliteConnections::readOnly);

        long[] relayNanos = new long[seconds * 30 + 100];
        AtomicInteger decisions = new AtomicInteger();
        AtomicInteger granted = new AtomicInteger();
        AtomicLong firstDecision = new AtomicLong();
        Terminal terminal = Terminal.assemble(config, seams);
        TerminalRun run = new TerminalRun(terminal, counters, admission -> {
            if (admission.scan() instanceof ScanOutcome.Scanned scanned) {
                firstDecision.compareAndSet(0, System.nanoTime());
                int n = decisions.getAndIncrement();
                if (n < relayNanos.length) {
                    relayNanos[n] = admission.frameToRelayNanos();
                }
                if (scanned.decision().reason() == Reason.OK) {
                    granted.incrementAndGet();
                }
            }
        });
        run.start();
        Thread.sleep(Duration.ofSeconds(seconds));
        run.stop();
        scheduler.close();
        seams.gpio().shutdown();

        CameraCounters.Counts counts = counters.snapshot();
        int n = Math.min(decisions.get(), relayNanos.length);
        long[] sorted = Arrays.copyOf(relayNanos, n);
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "run loop, %d s at 30 fps from ffmpeg (%dx%d grey), heap max %d MB, %d cores%n",
                seconds, WIDTH, HEIGHT, Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "frames read %d, dropped %d (%.2f %%), camera restarts %d, short reads %d%n", counts.framesRead(),
                counts.dropped(), 100.0 * counts.dropped() / Math.max(1, counts.framesRead()), counts.restarts(), counts.shortReads());
        System.out.printf(Locale.ROOT, "decisions %d (granted %d); %s%n", decisions.get(), granted.get(), run.line());
        if (n > 0) {
            System.out.printf(Locale.ROOT, "frame arrival -> relay command: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    sorted[n / 2] / 1e6, sorted[Math.min(n - 1, (int) Math.ceil(n * 0.99) - 1)] / 1e6, sorted[n - 1] / 1e6);
            // From assembling the terminal (lists read, gate safe) through starting ffmpeg to the first decision.
            System.out.printf(Locale.ROOT, "first decision: %.0f ms after the start of the run%n", (firstDecision.get() - runStart) / 1e6);
        }
        System.out.println("resident memory (VmRSS) at the end: " + vmRss());
        for (Path file : List.of(stream, trust)) {
            Files.delete(file);
        }
        Files.delete(dir);
        System.exit(0);
    }

    /** 30 passes, each 3 frames then 1 empty frame, as one raw grey stream. */
    private static Path writeStream(Path file, IssuerKey key, Instant now) throws IOException {
        CredentialIssuer issuer = new CredentialIssuer(key);
        QrDecoder decoder = new QrDecoder();
        byte[] empty = rows(SyntheticScene.withoutCode(1));
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < CODES; i++) {
                String text = issuer.issue(new Claims("https://passes.limen.example", "holder-" + i, now.minusSeconds(60), Optional.empty(),
                        now.plus(Duration.ofDays(1)), CredentialId.fromHex(String.format("%032x", i + 1)), Optional.empty(), List.of("lobby"),
                        Optional.empty()));
                Frame scene = null;
                for (long seed = 1000L * i; scene == null; seed++) {
                    Frame candidate = SyntheticScene.withCode(text, seed);
                    if (decoder.decode(candidate).filter(text::equals).isPresent()) {
                        scene = candidate;
                    }
                }
                byte[] bytes = rows(scene);
                out.write(bytes);
                out.write(bytes);
                out.write(bytes);
                out.write(empty);
            }
        }
        return file;
    }

    private static byte[] rows(Frame frame) {
        if (frame.width() != WIDTH || frame.height() != HEIGHT) {
            throw new IllegalStateException("synthetic scenes are " + frame.width() + "x" + frame.height());
        }
        byte[] out = new byte[WIDTH * HEIGHT];
        for (int y = 0; y < HEIGHT; y++) {
            System.arraycopy(frame.luma(), frame.rowStart(y), out, y * WIDTH, WIDTH);
        }
        return out;
    }

    private static String vmRss() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                .map(l -> l.substring(6).trim()).findFirst().orElse("unknown");
    }
}
