package io.limen.agent.uplink.throttle;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What the centre asks of every terminal now: at most {@code maxBatchesPerMinute} batches per minute, and
 * no batch closed by age before {@code minBatchAge} (a full batch still closes at once). Values are within
 * the bounds below once read ({@link ThrottleReader} clamps them).
 *
 * @param maxBatchesPerMinute batches per minute per terminal, {@link #MIN_RATE}..{@link #MAX_RATE}
 * @param minBatchAge         the least age at which a batch closes by age, 0..{@link #MAX_MIN_AGE}
 * @param issuedAt            when the centre issued it (its own clock)
 */
public record Throttle(double maxBatchesPerMinute, Duration minBatchAge, Instant issuedAt) {

    /** The slowest a throttle can make a terminal: one batch per 10 minutes (it slows the uplink, never silences it). */
    public static final double MIN_RATE = 0.1;
    /** The fastest a throttle can allow: one batch a second. */
    public static final double MAX_RATE = 60;
    /** The longest minimum batch age: one hour. */
    public static final Duration MAX_MIN_AGE = Duration.ofHours(1);

    public Throttle {
        Objects.requireNonNull(minBatchAge, "minBatchAge must not be null");
        Objects.requireNonNull(issuedAt, "issuedAt must not be null");
        if (!(maxBatchesPerMinute >= MIN_RATE && maxBatchesPerMinute <= MAX_RATE)) {
            throw new IllegalArgumentException("maxBatchesPerMinute must be in [" + MIN_RATE + ", " + MAX_RATE + "], but was "
                    + maxBatchesPerMinute);
        }
        if (minBatchAge.isNegative() || minBatchAge.compareTo(MAX_MIN_AGE) > 0) {
            throw new IllegalArgumentException("minBatchAge must be in [0, 1 h], but was " + minBatchAge);
        }
    }

    /** The least time between two batches this throttle allows. */
    public Duration interval() {
        return Duration.ofNanos((long) (60e9 / maxBatchesPerMinute));
    }
}
