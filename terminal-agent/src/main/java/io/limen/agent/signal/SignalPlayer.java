package io.limen.agent.signal;

import io.limen.agent.time.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Plays {@link SignalPattern}s on the LEDs and buzzer: the one owner of those pins while a gate runs.
 * Two layers ({@link SignalPatterns}): a <em>standing</em> pattern ({@link #hold}, never ending: dark,
 * released, a denial showing, the alarm, the fire alarm) for the state the entrance is in, and a
 * <em>decision</em> pattern ({@link #play}, finite: granted, degraded, denied) over it, after which the
 * standing one resumes from its first step.
 *
 * <pre>
 *   play(decision) ── refused while a standing pattern of higher priority holds (the fire alarm)
 *   hold(standing) ── of the decision's priority or more: cuts the decision and starts at once (an alarm)
 *                  └─ lower (a steady LED): waits for the decision to end
 * </pre>
 *
 * A change writes its first step at once, on the caller's thread (a few pin writes, no wait: the LEDs
 * change with the relay); every later step is its own task on the {@link Scheduler}. A superseded task
 * that already fired is ignored by generation. Only outputs whose level changes are written. A one-step
 * standing pattern is written once and
 * schedules nothing. When the scheduler refuses a step, every output is set off (no buzzer left on).
 *
 * <p>Thread-safe: calls and the scheduler's tasks hold {@code lock}; the gate passes its own lock, so
 * the gate's state and its signals change together and no two locks are taken in opposite orders.
 */
public final class SignalPlayer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SignalPlayer.class);
    private static final SignalPattern.Step ALL_OFF = SignalPattern.Step.of(1);

    private final Scheduler scheduler;
    private final SignalOutputs outputs;
    private final Object lock;
    private SignalPattern standing = SignalPatterns.DARK;
    /** The decision pattern playing over the standing one, or null. */
    private SignalPattern decision;
    private Scheduler.Cancellable next;
    private long generation;
    private boolean closed;
    /** The outputs last set on, and those whose level is known (set without error, or the pins' initial off). */
    private final Set<SignalOutput> on = EnumSet.noneOf(SignalOutput.class);
    private final Set<SignalOutput> known = EnumSet.copyOf(SignalPattern.OUTPUTS);

    /** A player that locks on itself, with every output taken to be off (the pins' initial state). */
    public SignalPlayer(Scheduler scheduler, SignalOutputs outputs) {
        this(scheduler, outputs, new Object());
    }

    /** @param lock held by every call and step; the gate's own lock when the gate drives the player */
    public SignalPlayer(Scheduler scheduler, SignalOutputs outputs, Object lock) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler must not be null");
        this.outputs = Objects.requireNonNull(outputs, "outputs must not be null");
        this.lock = Objects.requireNonNull(lock, "lock must not be null");
    }

    /**
     * Plays a decision pattern once over the standing one, replacing a decision still playing.
     *
     * @param pattern a pattern that ends ({@code repeat} ≥ 1)
     * @return false, and nothing changes, while a standing pattern of higher priority holds (or after close)
     * @throws IllegalArgumentException for a pattern that never ends
     */
    public boolean play(SignalPattern pattern) {
        if (pattern.repeat() == SignalPattern.FOREVER) {
            throw new IllegalArgumentException("a decision pattern must end, but " + pattern.name() + " repeats forever");
        }
        synchronized (lock) {
            if (closed || standing.priority() > pattern.priority()) {
                return false;
            }
            decision = pattern;
            start(pattern);
            return true;
        }
    }

    /**
     * Sets the standing pattern; the same one again changes nothing (it keeps its cadence).
     *
     * @param pattern a pattern that never ends ({@link SignalPattern#FOREVER})
     * @throws IllegalArgumentException for a pattern that ends
     */
    public void hold(SignalPattern pattern) {
        if (pattern.repeat() != SignalPattern.FOREVER) {
            throw new IllegalArgumentException("a standing pattern must not end, but " + pattern.name() + " repeats "
                    + pattern.repeat() + " times");
        }
        synchronized (lock) {
            if (closed || pattern == standing) {
                return;
            }
            standing = pattern;
            if (decision != null && pattern.priority() < decision.priority()) {
                return; // shown when the decision ends
            }
            decision = null;
            start(pattern);
        }
    }

    /** What the outputs show now: the decision playing, else the standing pattern. */
    public SignalPattern playing() {
        synchronized (lock) {
            return decision != null ? decision : standing;
        }
    }

    /** The standing pattern, whether or not a decision plays over it. */
    public SignalPattern standing() {
        synchronized (lock) {
            return standing;
        }
    }

    /** Stops whatever plays and sets every output off now, on the caller's thread; the standing pattern is dark. */
    public void silence() {
        synchronized (lock) {
            generation++;
            cancelNext();
            decision = null;
            standing = SignalPatterns.DARK;
            if (!closed) {
                write(ALL_OFF);
            }
        }
    }

    /** Stops for good: no step runs and no pin is written after this (the pins' owner turns them off). */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            generation++;
            cancelNext();
        }
    }

    private void start(SignalPattern pattern) {
        cancelNext();
        step(++generation, pattern, 0, 0);
    }

    /** Writes step {@code index} of {@code pattern} and schedules the next; at the end, the next pass or what comes after. */
    private void step(long g, SignalPattern pattern, int pass, int index) {
        List<SignalPattern.Step> steps = pattern.steps();
        if (index == steps.size()) {
            int passes = pass + 1;
            if (pattern.repeat() != SignalPattern.FOREVER && passes >= pattern.repeat()) {
                // A decision ended: the standing pattern resumes from its start.
                decision = null;
                start(standing);
                return;
            }
            pass = pattern.repeat() == SignalPattern.FOREVER ? 0 : passes;
            index = 0;
        }
        SignalPattern.Step s = steps.get(index);
        write(s);
        if (pattern.repeat() == SignalPattern.FOREVER && steps.size() == 1) {
            return; // held: nothing more to do until it is replaced
        }
        int nextPass = pass;
        int nextIndex = index + 1;
        try {
            next = scheduler.schedule(() -> due(g, pattern, nextPass, nextIndex), s.length());
        } catch (RuntimeException e) {
            // No timer to end the step (the scheduler is stopping): nothing may stay lit or sounding.
            log.warn("Signal pattern {} could not go on ({}); LEDs and buzzer off", pattern.name(), e.toString());
            next = null;
            write(ALL_OFF);
        }
    }

    private void due(long g, SignalPattern pattern, int pass, int index) {
        synchronized (lock) {
            if (closed || g != generation) {
                return;
            }
            next = null;
            step(g, pattern, pass, index);
        }
    }

    /** Sets the outputs of one step; an output already at its level is not written again. */
    private void write(SignalPattern.Step s) {
        for (SignalOutput output : SignalPattern.OUTPUTS) {
            boolean level = s.on().contains(output);
            if (known.contains(output) && on.contains(output) == level) {
                continue;
            }
            known.remove(output);
            try {
                outputs.set(output, level);
                known.add(output);
                if (level) {
                    on.add(output);
                } else {
                    on.remove(output);
                }
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
