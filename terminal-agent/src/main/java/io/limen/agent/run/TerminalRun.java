package io.limen.agent.run;

import io.limen.agent.Agent;
import io.limen.agent.Terminal;
import io.limen.agent.camera.CameraCounters;
import io.limen.agent.camera.CameraReader;
import io.limen.agent.camera.LatestFrame;
import io.limen.agent.time.Scheduler;
import io.limen.config.AgentConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A terminal running: the camera reader thread feeding the admit thread through a one-slot exchange,
 * the counter line every minute, an orderly stop and a reload. {@code limen agent run} and
 * {@code limen demo} both run a terminal through here; they differ only in the seams and config
 * they assemble it from (see {@link Terminal} for the thread table).
 *
 * <pre>
 *   new ──start()──▶ running ──stop() / source ended──▶ stopped (outputs safe)
 * </pre>
 */
public final class TerminalRun {

    private static final Logger log = LoggerFactory.getLogger(TerminalRun.class);
    static final Duration COUNTER_PERIOD = Duration.ofMinutes(1);
    /** A scan takes milliseconds; one still running after this is stuck, and the outputs go safe anyway. */
    static final Duration SCAN_IN_FLIGHT_LIMIT = Duration.ofSeconds(5);

    /** Told of each frame's admission, on the admit thread, before the frame is given back. */
    @FunctionalInterface
    public interface Listener {
        void admitted(Agent.Admission admission);

        Listener NONE = admission -> { };
    }

    private final Terminal terminal;
    private final CameraCounters camera;
    private final RunCounters counters = new RunCounters();
    private final LatestFrame exchange;
    private final AdmitLoop admit;
    private final Thread admitThread;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile CameraReader reader;
    private volatile Scheduler.Cancellable counterLine;

    /**
     * @param camera the counters the terminal's frame source counts into (the one given to
     *               {@code CameraSources.open}); the exchange counts its drops there too
     */
    public TerminalRun(Terminal terminal, CameraCounters camera, Listener listener) {
        this(terminal, camera, listener, AdmitLoop.Step.AGENT);
    }

    TerminalRun(Terminal terminal, CameraCounters camera, Listener listener, AdmitLoop.Step step) {
        this.terminal = Objects.requireNonNull(terminal, "terminal must not be null");
        this.camera = Objects.requireNonNull(camera, "camera must not be null");
        terminal.cameraStatus(() -> {
            CameraCounters.Counts c = camera.snapshot();
            java.util.Map<String, Object> status = new java.util.LinkedHashMap<>();
            status.put("framesRead", c.framesRead());
            status.put("dropped", c.dropped());
            status.put("restarts", c.restarts());
            status.put("shortReads", c.shortReads());
            return status;
        });
        exchange = new LatestFrame(terminal.seams().camera()::release, camera);
        admit = new AdmitLoop(terminal, exchange, counters, Objects.requireNonNull(listener, "listener must not be null"), step);
        admitThread = new Thread(admit, "admit");
        admitThread.setDaemon(true);
    }

    /** Starts reading and admitting. The gate's outputs are safe already: {@link Terminal} made them so. */
    public void start() {
        AgentConfig config = terminal.config();
        log.info("run: terminal {}/{} zone {} started; camera {}x{} at {} fps ({}); outputs safe",
                config.terminal().site(), config.terminal().id(), config.terminal().zone().orElse("(any)"),
                config.camera().width(), config.camera().height(), config.camera().framesPerSecond(), config.camera().source().kind());
        admitThread.start();
        reader = CameraReader.start(terminal.seams().camera(), exchange);
        scheduleCounterLine();
    }

    /**
     * Ends the run in order: no new frame is taken, the scan in flight finishes (its gate command
     * stands), the camera is closed, the outputs return to safe, the counters are logged. Idempotent;
     * a second caller (the shutdown hook after SIGTERM) waits for the first to finish.
     */
    public void stop() {
        if (!stopping.compareAndSet(false, true)) {
            awaitStopped();
            return;
        }
        try {
            Scheduler.Cancellable line = counterLine;
            if (line != null) {
                line.cancel();
            }
            admit.stop();
            // Wakes an idle admit thread; a frame still waiting in the slot is given back, not decided.
            exchange.close();
            join(admitThread, SCAN_IN_FLIGHT_LIMIT);
            closeReader();
            closeTerminal();
            log.info("run: stopped; outputs safe; {}", line());
        } finally {
            stopped.countDown();
        }
    }

    /** Waits until the source has ended and the last frame was admitted, or the run was stopped. */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        admitThread.join(timeout);
        return !admitThread.isAlive();
    }

    /** Waits until {@link #stop} has finished. */
    public void awaitStopped() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Applies a new configuration from the next frame on (see {@link Terminal#reconfigure}); on any
     * failure the old one stays, whole.
     *
     * @throws IOException if the new config's lists cannot be read
     */
    public void reload(AgentConfig next) throws IOException {
        terminal.reconfigure(next);
    }

    public RunCounters counters() {
        return counters;
    }

    /** The counter line as the journal gets it every minute. */
    public String line() {
        return counters.line(camera.snapshot());
    }

    public Terminal terminal() {
        return terminal;
    }

    private void scheduleCounterLine() {
        counterLine = terminal.seams().scheduler().schedule(() -> {
            log.info("counters: {}", line());
            if (!stopping.get()) {
                scheduleCounterLine();
            }
        }, COUNTER_PERIOD);
    }

    private void closeReader() {
        CameraReader running = reader;
        if (running == null) {
            return;
        }
        try {
            // Closes the source (kills a camera process) and waits for the reader thread.
            running.close();
        } catch (IOException | RuntimeException e) {
            log.error("run: closing the camera failed: {}", e.toString());
        }
    }

    private void closeTerminal() {
        try {
            terminal.close();
        } catch (IOException | RuntimeException e) {
            log.error("run: returning the outputs to safe failed: {}", e.toString());
        }
    }

    private static void join(Thread thread, Duration limit) {
        try {
            thread.join(limit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.error("run: thread {} did not end within {} ms; going on with the stop", thread.getName(), limit.toMillis());
        }
    }
}
