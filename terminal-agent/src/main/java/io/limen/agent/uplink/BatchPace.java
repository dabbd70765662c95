package io.limen.agent.uplink;

import io.limen.agent.uplink.throttle.Throttle;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How fast the uplink may send batches now: the terminal's own cap ({@code uplink.maxBatchesPerMinute})
 * and the centre's throttle, the lower rate winning. It is a fixed pace, not a token bucket: two batches
 * are always at least {@link #interval()} apart, also after a reconnect, so a fleet coming back drains
 * its backlog at no more than fleet × rate, whatever the outage left behind. A terminal in its steady
 * state sends one batch per {@code maxAge} and never meets the cap; only a backlog does.
 *
 * @param maxBatchesPerMinute batches per minute, &gt; 0
 * @param by                  which limit it is: {@link #CONFIG} or {@link #THROTTLE}
 */
public record BatchPace(double maxBatchesPerMinute, String by) {

    /** The terminal's own {@code uplink.maxBatchesPerMinute}. */
    public static final String CONFIG = "config";
    /** The centre's throttle (docs/telemetry.md, "Throttle"). */
    public static final String THROTTLE = "throttle";

    public BatchPace {
        if (!(maxBatchesPerMinute > 0) || Double.isInfinite(maxBatchesPerMinute)) {
            throw new IllegalArgumentException("maxBatchesPerMinute must be > 0, but was " + maxBatchesPerMinute);
        }
        Objects.requireNonNull(by, "by must not be null");
    }

    /** The lower of the configured rate and the throttle's; the configured one on a tie. */
    public static BatchPace of(int configuredPerMinute, Optional<Throttle> throttle) {
        Objects.requireNonNull(throttle, "throttle must not be null");
        if (throttle.isPresent() && throttle.get().maxBatchesPerMinute() < configuredPerMinute) {
            return new BatchPace(throttle.get().maxBatchesPerMinute(), THROTTLE);
        }
        return new BatchPace(configuredPerMinute, CONFIG);
    }

    /** The least time between the starts of two batches: {@code 60 s / maxBatchesPerMinute}. */
    public Duration interval() {
        return Duration.ofNanos((long) (60e9 / maxBatchesPerMinute));
    }
}
