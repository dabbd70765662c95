package io.limen.agent.run;

import io.limen.agent.Agent;
import io.limen.agent.ScanOutcome;
import io.limen.agent.Terminal;
import io.limen.agent.camera.Frame;
import io.limen.agent.camera.FrameSource;
import io.limen.agent.camera.LatestFrame;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admit thread's work: take the newest frame, run the admit path (decode → debounce → verify →
 * decide → gate → display), log the decision, give the frame back. It reads the terminal's current
 * assembly once per frame, so a reloaded configuration takes effect at a frame boundary and never
 * in the middle of a scan. Nothing escapes: a frame that fails is one log line and the next frame is
 * read as if nothing happened.
 */
final class AdmitLoop implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(AdmitLoop.class);

    /** The admit path of one frame; the terminal's agent, or a failing one in tests. */
    @FunctionalInterface
    interface Step {
        Agent.Admission admit(Agent agent, Frame frame, java.util.function.Predicate<String> firstSighting);

        Step AGENT = Agent::admit;
    }

    private final Terminal terminal;
    private final FrameSource source;
    /** How often an idle admit thread looks up from the exchange to see whether the run is stopping. */
    private static final Duration IDLE_CHECK = Duration.ofMillis(200);

    private final LatestFrame exchange;
    private final RunCounters counters;
    private final TerminalRun.Listener listener;
    private final Step step;
    private final LongSupplier monotonic;
    private final LineBudget decisionLines = new LineBudget(20, TimeUnit.SECONDS.toNanos(1));
    private final LineBudget errorLines = new LineBudget(5, TimeUnit.MINUTES.toNanos(1));
    private Debounce debounce;
    private volatile boolean stopping;

    AdmitLoop(Terminal terminal, LatestFrame exchange, RunCounters counters, TerminalRun.Listener listener, Step step) {
        this.terminal = terminal;
        this.source = terminal.seams().camera();
        this.exchange = exchange;
        this.counters = counters;
        this.listener = listener;
        this.step = step;
        this.monotonic = terminal.seams().scheduler()::nanoTime;
        this.debounce = new Debounce(terminal.config().debounce());
    }

    @Override
    public void run() {
        java.util.function.Predicate<String> firstSighting = code -> debounce.decide(code, monotonic.getAsLong());
        while (!stopping) {
            Frame frame;
            try {
                Optional<Frame> taken = exchange.take(IDLE_CHECK);
                if (taken.isEmpty()) {
                    if (exchange.ended()) {
                        return;
                    }
                    continue;
                }
                frame = taken.get();
            } catch (InterruptedException e) {
                return;
            }
            try {
                // The frame boundary: the assembly read here judges this whole scan.
                Terminal.Assembly assembly = terminal.assembly();
                debounce = debounce.reconfigured(assembly.config().debounce());
                Agent.Admission admission = step.admit(assembly.agent(), frame, firstSighting);
                counters.admitted(admission);
                if (admission.scan() instanceof ScanOutcome.Scanned scanned) {
                    long left = decisionLines.take(System.nanoTime());
                    if (left != LineBudget.ALLOWED) {
                        log.info(left > 0 ? DecisionLine.of(scanned, admission) + " (" + left + " decision lines left out; the counters have them)"
                                : DecisionLine.of(scanned, admission));
                    }
                }
                listener.admitted(admission);
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                counters.error();
                long left = errorLines.take(System.nanoTime());
                if (left != LineBudget.ALLOWED) {
                    log.warn("admit: frame {} failed and was skipped: {}{}", frame, e.toString(),
                            left > 0 ? " (" + left + " similar lines left out)" : "");
                }
            } finally {
                source.release(frame);
            }
        }
    }

    /** Takes no frame after the one in hand; wake it with the exchange's close. */
    void stop() {
        stopping = true;
    }
}
