package io.limen.agent.time;

import io.limen.config.RestartBackoff;
import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * When to start a failed camera process again: exponential backoff with full jitter, the n-th restart
 * in a row waiting a uniformly random time in {@code [0, min(max, initial × 2^(n-1))]}. The count of
 * restarts in a row starts again only once frames have flowed for {@code resetAfter}: a camera that
 * delivers one frame and dies backs off all the same. Times are passed in (monotonic nanoseconds), so
 * tests step them by hand.
 *
 * <p>Hand-written rather than Failsafe's or resilience4j's retry: both jitter proportionally (±factor
 * around the exponential delay, not full jitter), both count attempts per call and cannot start the
 * count again after frames flowed in the middle of an attempt, and both wait on their own sleeps
 * rather than on the {@code Scheduler} seam. What is left is this arithmetic.
 *
 * <p>Shared by the camera's restarts and the MQTT uplink's reconnects ({@code io.limen.agent.uplink}).
 * The uplink's schedule is {@linkplain #evenAtCap even at the cap}: full jitter up to and including the
 * first wait at the cap, then the cap itself. That first uniform draw over the whole window leaves a
 * terminal's attempt times uniform over the window whatever came before, so a fleet that keeps failing
 * together retries evenly at fleet ÷ cap attempts a second, where full jitter at the cap (a mean wait of
 * half the cap) makes it 2 × fleet ÷ cap; the first second after a central broker comes back sees that
 * rate (docs/surge.md). Not thread-safe: its one owner serialises the calls.
 */
public final class RestartSchedule {

    private final Duration initial;
    private final Duration max;
    private final Duration resetAfter;
    private final RandomGenerator random;
    private final boolean evenAtCap;
    private int failures;
    private long flowingSince = -1;

    /** The camera's bounds, from its config. */
    public RestartSchedule(RestartBackoff backoff, RandomGenerator random) {
        this(Objects.requireNonNull(backoff, "backoff must not be null").initial(), backoff.max(), backoff.resetAfter(), random);
    }

    /**
     * @param initial    the first wait's upper bound, positive
     * @param max        the cap of every wait, at least {@code initial}
     * @param resetAfter how long things must go well before the count starts again, not negative
     * @throws IllegalArgumentException if the bounds are out of order
     */
    public RestartSchedule(Duration initial, Duration max, Duration resetAfter, RandomGenerator random) {
        this(initial, max, resetAfter, random, false);
    }

    /**
     * The uplink's schedule: as {@link #RestartSchedule(Duration, Duration, Duration, RandomGenerator)}, but
     * once a wait has been drawn at the cap, every further wait in a row is the cap itself (class comment).
     */
    public static RestartSchedule evenAtCap(Duration initial, Duration max, Duration resetAfter, RandomGenerator random) {
        return new RestartSchedule(initial, max, resetAfter, random, true);
    }

    private RestartSchedule(Duration initial, Duration max, Duration resetAfter, RandomGenerator random, boolean evenAtCap) {
        this.evenAtCap = evenAtCap;
        this.initial = Objects.requireNonNull(initial, "initial must not be null");
        this.max = Objects.requireNonNull(max, "max must not be null");
        this.resetAfter = Objects.requireNonNull(resetAfter, "resetAfter must not be null");
        this.random = Objects.requireNonNull(random, "random must not be null");
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0 || resetAfter.isNegative()) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max and resetAfter >= 0, but was "
                    + initial + ", " + max + ", " + resetAfter);
        }
    }

    /** A frame arrived at {@code nowNanos}; enough of them in a row resets the restart count. */
    public void frameArrived(long nowNanos) {
        if (flowingSince < 0) {
            flowingSince = nowNanos;
        } else if (failures > 0 && nowNanos - flowingSince >= resetAfter.toNanos()) {
            failures = 0;
        }
    }

    /** The process failed (exited, stalled, or did not start): how long to wait before the next start. */
    public Duration failed() {
        flowingSince = -1;
        failures++;
        Duration ceiling = ceiling(failures);
        if (evenAtCap && failures > 1 && ceiling(failures - 1).equals(max)) {
            return max; // the previous wait was a full-jitter draw at the cap already: the phase is random
        }
        return Duration.ofNanos(random.nextLong(ceiling.toNanos() + 1));
    }

    /** The upper bound of the wait after {@code failuresInARow} failures: {@code min(max, initial × 2^(n-1))}. */
    public Duration ceiling(int failuresInARow) {
        int doublings = Math.min(failuresInARow - 1, 30);
        long first = initial.toNanos();
        long cap = max.toNanos();
        return Duration.ofNanos(first > cap >> doublings ? cap : Math.min(cap, first << doublings));
    }

    /** Failures since frames last flowed for {@code resetAfter}. */
    public int failuresInARow() {
        return failures;
    }
}
