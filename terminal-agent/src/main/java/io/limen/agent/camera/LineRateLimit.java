package io.limen.agent.camera;

import java.time.Duration;

/**
 * A token bucket for log lines: a burst of {@code burst} lines, then one line per {@code interval}.
 * Lines over the limit are counted, and the next line let through says how many were held back, so
 * a chatty ffmpeg costs a few lines a minute and nothing is silently lost. Time is passed in
 * (monotonic nanoseconds), so tests step it by hand. Not thread-safe: one stderr pump owns it.
 */
final class LineRateLimit {

    private final long intervalNanos;
    private final long capacityNanos;
    private long credit;
    private long lastNanos;
    private long suppressed;

    LineRateLimit(int burst, Duration interval, long startNanos) {
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1, but was " + burst);
        }
        this.intervalNanos = interval.toNanos();
        this.capacityNanos = burst * intervalNanos;
        this.credit = capacityNanos;
        this.lastNanos = startNanos;
    }

    /**
     * Whether a line seen at {@code nowNanos} may be logged. When it may, {@link #takeSuppressed}
     * tells how many lines were held back before it. Credit is kept in nanoseconds: exact, no rounding.
     */
    boolean allow(long nowNanos) {
        credit = Math.min(capacityNanos, credit + Math.max(0, nowNanos - lastNanos));
        lastNanos = nowNanos;
        if (credit >= intervalNanos) {
            credit -= intervalNanos;
            return true;
        }
        suppressed++;
        return false;
    }

    /** Lines held back since the last call; zero afterwards. */
    long takeSuppressed() {
        long held = suppressed;
        suppressed = 0;
        return held;
    }
}
