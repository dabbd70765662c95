package io.limen.agent.signal;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A blink/beep sequence for the entrance's LEDs and buzzer, as data: steps played in order, each holding
 * a set of outputs on (every other output off) for its length; the whole sequence {@code repeat} times
 * (all off at the end), or, with {@link #FOREVER}, until replaced or stopped. {@link SignalPlayer} plays it on the gate's scheduler.
 *
 * @param name     a stable name for logs and tests (e.g. {@code granted})
 * @param priority a pattern playing is replaced only by one of equal or higher priority (the fire
 *                 alarm's is highest, so it wins)
 * @param steps    at least one step
 * @param repeat   how many passes through the steps, at least 1, or {@link #FOREVER}
 * @throws IllegalArgumentException when there is no step or {@code repeat} is negative
 */
public record SignalPattern(String name, int priority, List<Step> steps, int repeat) {

    /** The outputs a pattern may drive. */
    public static final Set<SignalOutput> OUTPUTS = EnumSet.allOf(SignalOutput.class);

    /** {@code repeat} value: play until replaced or stopped. */
    public static final int FOREVER = 0;

    public SignalPattern {
        Objects.requireNonNull(name, "name");
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a signal pattern needs at least one step: " + name);
        }
        if (repeat < 0) {
            throw new IllegalArgumentException("repeat must be FOREVER (0) or a count of passes, but was " + repeat + ": " + name);
        }
    }

    /** Total length of one pass through the steps. */
    public Duration cycle() {
        return steps.stream().map(Step::length).reduce(Duration.ZERO, Duration::plus);
    }

    /**
     * One step: these outputs on, the others off, for {@code length}.
     *
     * @param on     the outputs on; empty is a pause
     * @param length how long the step holds, greater than zero (milliseconds in practice)
     * @throws IllegalArgumentException for a non-positive length
     */
    public record Step(Set<SignalOutput> on, Duration length) {
        public Step {
            on = on.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(on));
            if (length.isNegative() || length.isZero()) {
                throw new IllegalArgumentException("a signal step must last longer than zero, but was " + length);
            }
        }

        /** A step of {@code millis} ms with {@code on} outputs on. */
        public static Step of(long millis, SignalOutput... on) {
            return new Step(on.length == 0 ? Set.of() : EnumSet.of(on[0], on), Duration.ofMillis(millis));
        }
    }
}
