package io.limen.agent.camera;

import java.time.Duration;

/**
 * A token bucket for log lines: a burst of {@code burst} lines, then one line per {@code interval}.
 * Lines over the limit are counted, and the next line let through says how many were held back, so
 * a chatty ffmpeg costs a few lines a minute and nothing is silently lost. Time is passed in
 * (monotonic nanoseconds), so tests step it by hand. Not thread-safe: one stderr pump owns it.
 */
final class LineRateLimit {

    private final int burst;
    private final long intervalNanos;
    private double tokens;
    private long lastNanos;
    private long suppressed;

    LineRateLimit(int burst, Duration interval, long startNanos) {
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1, but was " + burst);
        }
        this.burst = burst;
        this.intervalNanos = interval.toNanos();
        this.tokens = burst;
        this.lastNanos = startNanos;
    }

    /**
     * Whether a line seen at {@code nowNanos} may be logged. When it may, {@link #takeSuppressed}
     * tells how many lines were held back before it.
     */
    boolean allow(long nowNanos) {
        tokens = Math.min(burst, tokens + (double) (nowNanos - lastNanos) / intervalNanos);
        lastNanos = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
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
