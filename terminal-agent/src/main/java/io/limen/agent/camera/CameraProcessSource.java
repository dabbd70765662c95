package io.limen.agent.camera;

import io.limen.agent.time.RestartSchedule;
import io.limen.agent.time.Scheduler;
import io.limen.config.CameraConfig;
import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frames from a process that writes raw video to its stdout ({@code rpicam-vid}, {@code ffmpeg}, any
 * command): exactly one frame's bytes are read per frame into a {@link FramePool} buffer, stamped with
 * its arrival time and a sequence number. Grey frames are width × height bytes; YUV 4:2:0 frames keep
 * the luma plane and skip the two chroma planes after it.
 *
 * <p>Raw video has no sync markers: a frame is "the next width × height bytes", so once a byte is lost
 * or added every later frame is shifted garbage. The stream is therefore re-synchronised the only way
 * it can be: by starting the process again. A read that ends short (the process exited mid-frame) is
 * counted and logged and never becomes a frame.
 *
 * <pre>
 *            start ok                      frame (resets the watchdog)
 *   STOPPED ──────────▶ RUNNING ◀────────────────────────────┐
 *      ▲                  │  └────────────────────────────────┘
 *      │ backoff wait     │ stdout ends (exit, crash, short frame) or the watchdog kills it:
 *      └──────────────────┘ no frame for camera.watchdog
 *   a failed start (not installed, not executable) waits its backoff in STOPPED, and tries again
 * </pre>
 *
 * Restarts wait a jittered, growing time ({@link RestartSchedule}); each is one log line saying what
 * was seen. The process's stderr goes to the log, rate-limited ({@link StderrPump}). Nothing thrown by
 * the process or the pipe escapes {@link #next}: it returns frames until {@link #close}, or until a
 * non-looping replay ends.
 *
 * <p>The watchdog gives the first frame after a start {@link #STARTUP} more than {@code camera.watchdog}.
 *
 * <p>Threads: {@link #next} runs on the one camera reader thread; the watchdog runs on the scheduler
 * and only kills the process (the reader then sees the stream end); {@link #close} may come from any
 * thread.
 */
public final class CameraProcessSource implements FrameSource {

    private static final Logger log = LoggerFactory.getLogger(CameraProcessSource.class);
    /**
     * Extra time the first frame after a start gets beyond the watchdog: rpicam-vid takes a second or
     * two to configure the sensor, ffmpeg to open a USB camera.
     */
    static final Duration STARTUP = Duration.ofSeconds(3);

    private final ProcessSpec spec;
    private final FramePool pool;
    private final int lumaBytes;
    private final byte[] chroma;
    private final Duration watchdog;
    private final Scheduler scheduler;
    private final CameraCounters counters;
    private final RestartSchedule restarts;
    private final Pause pause;
    private byte[] discard;
    private long sequence;
    private volatile Running running;
    private volatile boolean closed;
    private boolean ended;
    private volatile String lastProblem;

    /** One started process and what the reader and the watchdog know about it. */
    private static final class Running {
        final Process process;
        final InputStream stdout;
        final Thread stderr;
        volatile long lastFrameNanos;
        volatile boolean stalled;
        volatile long frames; // written by the reader only; read by the watchdog
        String shortFrame = "";

        Running(Process process, Thread stderr, long startedNanos) {
            this.process = process;
            this.stdout = process.getInputStream();
            this.stderr = stderr;
            this.lastFrameNanos = startedNanos;
        }
    }

    CameraProcessSource(ProcessSpec spec, CameraConfig camera, Scheduler scheduler, CameraCounters counters, RandomGenerator random) {
        this.spec = Objects.requireNonNull(spec, "spec must not be null");
        this.pool = new FramePool(camera.width(), camera.height(), camera.width(), camera.buffers());
        this.lumaBytes = pool.bufferBytes();
        this.chroma = new byte[ProcessSpec.chromaBytes(spec.pixelFormat(), camera.width(), camera.height())];
        this.watchdog = camera.watchdog();
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler must not be null");
        this.counters = Objects.requireNonNull(counters, "counters must not be null");
        this.restarts = new RestartSchedule(camera.restartBackoff(), random);
        this.pause = new Pause(scheduler);
    }

    /**
     * The last failure, as its log line says it ("rpicam-vid: cannot start rpicam-vid: not installed or
     * not on PATH — install it: apt-get install rpicam-apps"), for a status page; empty before any.
     */
    public Optional<String> lastProblem() {
        return Optional.ofNullable(lastProblem);
    }

    /** The command line this source runs. */
    public List<String> command() {
        return spec.command();
    }

    @Override
    public Optional<Frame> next() throws InterruptedException {
        while (!closed && !ended) {
            Running run = running;
            if (run == null) {
                run = start();
                if (run == null) {
                    continue;
                }
            }
            Frame frame = read(run);
            if (frame != null) {
                return Optional.of(frame);
            }
            int status = stop(run);
            if (closed) {
                break;
            }
            // A replay that played to its end: the stream is over, not broken.
            if (spec.endsWhenDone() && status == 0 && !run.stalled && run.shortFrame.isEmpty()) {
                log.info("camera {}: replay ended after {} frames", spec.program(), run.frames);
                ended = true;
                return Optional.empty();
            }
            String seen = run.stalled ? "no frame for " + allowedSilence(run).toMillis() + " ms; killed"
                    : "exited with status " + status;
            backOff(seen + " after " + run.frames + " frames" + run.shortFrame, false);
        }
        return Optional.empty();
    }

    /** Starts the process; on failure logs why, waits the backoff and returns null. */
    private Running start() throws InterruptedException {
        Optional<String> missing = missingProgram(spec).or(() -> missingInput(spec));
        if (missing.isPresent()) {
            backOff(missing.get(), true);
            return null;
        }
        Process process;
        try {
            process = new ProcessBuilder(spec.command()).start();
        } catch (IOException e) {
            backOff("cannot start " + spec.program() + ": " + String.valueOf(e.getMessage()).strip(), true);
            return null;
        }
        closeQuietly(process.getOutputStream()); // stdin at EOF: nothing here talks to the tool
        Thread stderr = StderrPump.start(process.getErrorStream(), spec.program(), scheduler::nanoTime);
        Running run = new Running(process, stderr, scheduler.nanoTime());
        running = run;
        if (closed) { // close() raced the start: it may not have seen this process
            kill(run);
        }
        log.info("camera {}: started (pid {}): {}", spec.program(), process.pid(), String.join(" ", spec.command()));
        watch(run);
        return run;
    }

    /** The device or file the process would read, when it is not there (a USB camera unplugged). */
    static Optional<String> missingInput(ProcessSpec spec) {
        return spec.input().filter(input -> !Files.exists(input))
                .map(input -> "cannot start " + spec.program() + ": " + input + " does not exist — " + spec.inputHint());
    }

    /**
     * "not installed" or "not executable", said plainly with what to do, checked before the start: the
     * JDK's own wording of a failed exec differs between versions and launch mechanisms.
     */
    static Optional<String> missingProgram(ProcessSpec spec) {
        String program = spec.command().get(0);
        if (program.contains("/")) {
            Path file = Path.of(program);
            if (!Files.exists(file)) {
                return Optional.of("cannot start " + program + ": no such file — " + spec.installHint());
            }
            return Files.isExecutable(file) ? Optional.empty()
                    : Optional.of("cannot start " + program + ": not executable (chmod +x, or correct camera.source.command)");
        }
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String folder : path.split(File.pathSeparator)) {
            if (!folder.isEmpty() && Files.isExecutable(Path.of(folder, program))) {
                return Optional.empty();
            }
        }
        return Optional.of("cannot start " + program + ": not installed or not on PATH — " + spec.installHint());
    }

    /**
     * Reads one whole frame; null when the stream ended (cleanly between frames, or short mid-frame).
     * With every buffer in use the frame is read into a scratch buffer and dropped: the pipe must be
     * drained to stay in step, and the reader never waits for the decoder.
     */
    private Frame read(Running run) {
        while (true) {
            byte[] buffer = pool.take();
            boolean drop = buffer == null;
            if (drop) {
                buffer = discard == null ? (discard = new byte[lumaBytes]) : discard;
            }
            int luma = readFully(run.stdout, buffer, lumaBytes);
            int rest = luma == lumaBytes ? readFully(run.stdout, chroma, chroma.length) : 0;
            long arrival = System.nanoTime();
            if (luma < lumaBytes || rest < chroma.length) {
                if (!drop) {
                    pool.release(pool.frame(buffer, arrival));
                }
                if (luma > 0) {
                    counters.shortRead();
                    run.shortFrame = " mid-frame (" + (luma + rest) + " of " + (lumaBytes + chroma.length) + " bytes: discarded;"
                            + " raw video has no sync markers, so the process restarts to re-synchronise)";
                }
                return null;
            }
            counters.frameRead();
            run.frames++;
            run.lastFrameNanos = scheduler.nanoTime();
            restarts.frameArrived(run.lastFrameNanos);
            sequence++;
            if (drop) {
                counters.dropped();
                continue;
            }
            return pool.frame(buffer, arrival, sequence);
        }
    }

    /** Bytes read into {@code buffer[0..length)} before the stream ended or broke. */
    private static int readFully(InputStream in, byte[] buffer, int length) {
        int total = 0;
        try {
            while (total < length) {
                int n = in.read(buffer, total, length - total);
                if (n < 0) {
                    break;
                }
                total += n;
            }
        } catch (IOException e) {
            // The pipe closed under the read (the process was killed): the stream ended here.
        }
        return total;
    }

    /**
     * Checks every quarter watchdog that a frame arrived within the watchdog (the first frame within
     * it and {@link #STARTUP}), and kills a process that fell silent; the reader then sees its stream
     * end. A stall is seen within 1¼ watchdogs.
     */
    private void watch(Running run) {
        scheduler.schedule(() -> {
            if (running != run || closed) {
                return;
            }
            long silent = scheduler.nanoTime() - run.lastFrameNanos;
            if (silent >= allowedSilence(run).toNanos()) {
                run.stalled = true;
                kill(run);
            } else {
                watch(run);
            }
        }, watchdog.dividedBy(4));
    }

    private Duration allowedSilence(Running run) {
        return run.frames == 0 ? watchdog.plus(STARTUP) : watchdog;
    }

    /** Makes sure the process is gone and returns its exit status (-1 if it would not say). */
    private int stop(Running run) throws InterruptedException {
        running = null;
        if (!run.process.waitFor(500, TimeUnit.MILLISECONDS)) {
            kill(run);
            run.process.waitFor(2, TimeUnit.SECONDS);
        }
        // Descendants may outlive a parent that exited on its own (a shell's children): end them too.
        run.process.descendants().forEach(ProcessHandle::destroyForcibly);
        closeQuietly(run.stdout);
        run.stderr.join(1000);
        return run.process.isAlive() ? -1 : run.process.exitValue();
    }

    /**
     * Logs what was seen and waits the backoff before the next start: at ERROR when the process could
     * not start (a person must install, plug in or correct something), at WARN when it ran and failed.
     */
    private void backOff(String seen, boolean cannotStart) throws InterruptedException {
        if (closed) {
            return;
        }
        Duration delay = restarts.failed();
        counters.restarted();
        lastProblem = spec.program() + ": " + seen;
        if (cannotStart) {
            log.error("camera {}; retry {} in {} ms", lastProblem, restarts.failuresInARow(), delay.toMillis());
        } else {
            log.warn("camera {}; restart {} in {} ms", lastProblem, restarts.failuresInARow(), delay.toMillis());
        }
        pause.await(delay);
    }

    /**
     * Kills the process and its children at once: raw-frame tools keep no state worth a clean
     * shutdown, and the kernel frees the camera device when the process is gone. Children first, while
     * they are still known as the process's descendants.
     */
    private static void kill(Running run) {
        run.process.descendants().forEach(ProcessHandle::destroyForcibly);
        run.process.destroyForcibly();
    }

    @Override
    public void release(Frame frame) {
        pool.release(frame);
    }

    /** Kills the process and its children, ends a backoff wait, and waits for the stderr pump to finish. */
    @Override
    public void close() {
        closed = true;
        pause.wake();
        Running run = running;
        if (run != null) {
            kill(run);
            try {
                run.process.waitFor(2, TimeUnit.SECONDS);
                run.stderr.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void closeQuietly(Closeable stream) {
        try {
            stream.close();
        } catch (IOException e) {
            // Closing our end of a pipe to a dead process: nothing to do about it.
        }
    }
}
