package io.limen.agent.signal;

import io.limen.agent.gate.GateEvent;
import io.limen.agent.gate.PinRole;
import io.limen.agent.time.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Plays {@link SignalPattern}s on the LEDs and buzzer, one at a time, on the gate's {@link Scheduler}:
 * {@link #play} only records the pattern and schedules its first step (no pin write, no wait), so the
 * thread deciding admissions never blocks on a blink. Every step is its own scheduled task; a new
 * pattern cancels the old one's next step (a stale task that already fired is ignored by generation).
 * A pattern of lower priority than the one playing is refused, so the fire alarm's pattern wins until
 * {@link #stop} ends it. At the end of a finite pattern, and on stop, every output is set off.
 *
 * <p>Thread-safe: the scheduler's thread and callers meet under this object's monitor.
 */
public final class SignalPlayer {

    private static final Logger log = LoggerFactory.getLogger(SignalPlayer.class);

    private final Scheduler scheduler;
    private final SignalOutputs outputs;
    private SignalPattern playing;
    private Scheduler.Cancellable next;
    private long generation;

    public SignalPlayer(Scheduler scheduler, SignalOutputs outputs) {
        this.scheduler = scheduler;
        this.outputs = outputs;
    }

    /**
     * Starts {@code pattern} from its first step (at the scheduler's next turn), replacing the one playing.
     *
     * @return false, and nothing changes, when a pattern of higher priority is playing
     */
    public synchronized boolean play(SignalPattern pattern) {
        if (playing != null && playing.priority() > pattern.priority()) {
            return false;
        }
        playing = pattern;
        schedule(++generation, 0, 0, Duration.ZERO);
        return true;
    }

    /**
     * Ends {@code pattern} if it is the one playing (outputs off at the scheduler's next turn); a pattern
     * that already ended or was replaced is left alone, so stopping the fire alarm never silences a
     * newer one.
     *
     * @return true when it was playing
     */
    public synchronized boolean stop(SignalPattern pattern) {
        if (playing != pattern) {
            return false;
        }
        playing = null;
        long g = ++generation;
        cancelNext();
        try {
            next = scheduler.schedule(() -> off(g), Duration.ZERO);
        } catch (RuntimeException e) {
            log.warn("Signal outputs could not be switched off: {}", e.toString());
        }
        return true;
    }

    /** Plays or stops what a gate event calls for: {@code forced}/{@code held_open} alarm, fire alarm on and cleared. */
    public void onGateEvent(GateEvent.Kind kind) {
        if (kind == GateEvent.Kind.FIRE_CLEARED) {
            stop(SignalPatterns.FIRE);
            return;
        }
        SignalPatterns.forGateEvent(kind).ifPresent(this::play);
    }

    /** The pattern playing now, if any. */
    public synchronized Optional<SignalPattern> playing() {
        return Optional.ofNullable(playing);
    }

    private void schedule(long g, int pass, int step, Duration delay) {
        cancelNext();
        try {
            next = scheduler.schedule(() -> step(g, pass, step), delay);
        } catch (RuntimeException e) {
            // A scheduler that refuses (shut down) leaves the pattern unplayed; the gate's own outputs stay as they are.
            log.warn("Signal pattern {} could not be scheduled: {}", playing == null ? "-" : playing.name(), e.toString());
            playing = null;
            next = null;
        }
    }

    private synchronized void step(long g, int pass, int index) {
        if (g != generation || playing == null) {
            return;
        }
        List<SignalPattern.Step> steps = playing.steps();
        if (index == steps.size()) {
            int passes = pass + 1;
            if (playing.repeat() != SignalPattern.FOREVER && passes >= playing.repeat()) {
                playing = null;
                next = null;
                write(SignalPattern.Step.of(1));
                return;
            }
            pass = playing.repeat() == SignalPattern.FOREVER ? 0 : passes;
            index = 0;
        }
        SignalPattern.Step s = steps.get(index);
        write(s);
        schedule(g, pass, index + 1, s.length());
    }

    private synchronized void off(long g) {
        if (g == generation) {
            write(SignalPattern.Step.of(1));
        }
    }

    private void write(SignalPattern.Step s) {
        for (PinRole output : SignalPattern.OUTPUTS) {
            try {
                outputs.set(output, s.on().contains(output));
            } catch (RuntimeException e) {
                // One broken output (a shorted buzzer) must not stop the others or the pattern.
                log.warn("Signal output {} could not be set: {}", output.label(), e.toString());
            }
        }
    }

    private void cancelNext() {
        if (next != null) {
            next.cancel();
            next = null;
        }
    }
}
