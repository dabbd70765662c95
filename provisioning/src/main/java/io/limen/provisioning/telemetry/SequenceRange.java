package io.limen.provisioning.telemetry;

/**
 * The sequence numbers {@code first..last}, both included.
 *
 * @param first the first number, ≥ 1
 * @param last  the last number, ≥ first
 */
public record SequenceRange(long first, long last) {

    public SequenceRange {
        if (first < 1 || last < first) {
            throw new IllegalArgumentException("a sequence range must satisfy 1 <= first <= last, but was " + first + ".." + last);
        }
    }

    /** How many numbers the range holds. */
    public long size() {
        return last - first + 1;
    }

    /** {@code 43..45}, or {@code 43} for one number. */
    @Override
    public String toString() {
        return first == last ? Long.toString(first) : first + ".." + last;
    }
}
