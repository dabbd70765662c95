package io.limen.agent.camera;

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
 * <p>Not thread-safe: the camera reader owns it.
 */
final class RestartSchedule {

    private final RestartBackoff backoff;
    private final RandomGenerator random;
    private int failures;
    private long flowingSince = -1;

    RestartSchedule(RestartBackoff backoff, RandomGenerator random) {
        this.backoff = Objects.requireNonNull(backoff, "backoff must not be null");
        this.random = Objects.requireNonNull(random, "random must not be null");
    }

    /** A frame arrived at {@code nowNanos}; enough of them in a row resets the restart count. */
    void frameArrived(long nowNanos) {
        if (flowingSince < 0) {
            flowingSince = nowNanos;
        } else if (failures > 0 && nowNanos - flowingSince >= backoff.resetAfter().toNanos()) {
            failures = 0;
        }
    }

    /** The process failed (exited, stalled, or did not start): how long to wait before the next start. */
    Duration failed() {
        flowingSince = -1;
        failures++;
        return Duration.ofNanos(random.nextLong(ceiling(failures).toNanos() + 1));
    }

    /** The upper bound of the wait after {@code failuresInARow} failures: {@code min(max, initial × 2^(n-1))}. */
    Duration ceiling(int failuresInARow) {
        int doublings = Math.min(failuresInARow - 1, 30);
        long initial = backoff.initial().toNanos();
        long max = backoff.max().toNanos();
        return Duration.ofNanos(initial > max >> doublings ? max : Math.min(max, initial << doublings));
    }

    /** Failures since frames last flowed for {@code resetAfter}. */
    int failuresInARow() {
        return failures;
    }
}
