package io.limen.agent.run;

/**
 * How many lines of one kind the journal gets per window: a camera that fails 30 times a second, or a
 * crowd of people, must not flood it. Fixed windows; the first line of a new window says how many of the
 * last one were left out. Pure: time is passed in. Not thread-safe: one per thread that logs.
 */
final class LineBudget {

    static final long ALLOWED = -1;

    private final int lines;
    private final long windowNanos;
    private long windowStart;
    private boolean started;
    private int used;
    private long suppressed;

    /** @param lines lines allowed per window, at least 1 */
    LineBudget(int lines, long windowNanos) {
        if (lines < 1 || windowNanos <= 0) {
            throw new IllegalArgumentException("line budget must allow at least 1 line in a positive window, but was "
                    + lines + " in " + windowNanos + " ns");
        }
        this.lines = lines;
        this.windowNanos = windowNanos;
    }

    /**
     * Takes a line at {@code now}: -1 when it must be left out; otherwise how many lines were left out
     * before it (0 usually), for the line to mention.
     */
    long take(long now) {
        if (!started || now - windowStart >= windowNanos) {
            started = true;
            windowStart = now;
            used = 0;
        }
        if (used == lines) {
            suppressed++;
            return ALLOWED;
        }
        used++;
        long before = suppressed;
        suppressed = 0;
        return before;
    }
}
