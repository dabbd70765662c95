package io.limen.provisioning.telemetry;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: before attempt n+1 after n failures, wait a uniformly random time
 * in {@code [0, min(max, initial × 2^(n-1))]}, so consumers that lost the broker together do not return in
 * step. The count of failures is the caller's (it starts again only after a connection stayed up).
 *
 * @param initial the ceiling after the first failure, > 0
 * @param max     the largest ceiling, ≥ initial
 */
public record Backoff(Duration initial, Duration max) {

    public Backoff {
        Objects.requireNonNull(initial, "initial must not be null");
        Objects.requireNonNull(max, "max must not be null");
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff must satisfy 0 < initial <= max, but was " + initial + " and " + max);
        }
    }

    /** The ceiling of the wait after {@code failures} failures (≥ 1), in ms. */
    public long ceilingMillis(int failures) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures must be >= 1, but was " + failures);
        }
        long ceiling = initial.toMillis();
        for (int i = 1; i < failures && ceiling < max.toMillis(); i++) {
            ceiling *= 2;
        }
        return Math.min(ceiling, max.toMillis());
    }

    /** A wait before the next attempt after {@code failures} failures: uniform in [0, ceiling], in ms. */
    public long delayMillis(int failures, RandomGenerator random) {
        return random.nextLong(ceilingMillis(failures) + 1);
    }
}
