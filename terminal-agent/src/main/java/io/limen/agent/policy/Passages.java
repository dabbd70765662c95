package io.limen.agent.policy;

import io.limen.format.credential.RevocationKey;
import java.util.OptionalLong;

/**
 * The last grants this entrance made, by credential and monotonic time: what anti-passback asks ("did
 * this holder pass here in the last N minutes?"). A fixed ring of the newest {@code capacity} grants, so
 * memory is bounded and recording allocates nothing; an older grant has been forgotten.
 *
 * <p>Owned by the admit thread: it records each grant and the rules read it there. Not thread-safe.
 */
public final class Passages {

    private final long[] high;
    private final long[] low;
    private final long[] nanos;
    private int next;
    private int size;

    public Passages(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("passages capacity must be at least 1, but was " + capacity);
        }
        high = new long[capacity];
        low = new long[capacity];
        nanos = new long[capacity];
    }

    /** Remembers that the credential with {@code key} was granted at monotonic time {@code atNanos}. */
    public void record(RevocationKey key, long atNanos) {
        high[next] = key.high();
        low[next] = key.low();
        nanos[next] = atNanos;
        next = (next + 1) % high.length;
        size = Math.min(size + 1, high.length);
    }

    /** When the credential with {@code key} was last granted here, if still remembered. */
    public OptionalLong lastGranted(RevocationKey key) {
        for (int i = 1; i <= size; i++) {
            int at = Math.floorMod(next - i, high.length);
            if (high[at] == key.high() && low[at] == key.low()) {
                return OptionalLong.of(nanos[at]);
            }
        }
        return OptionalLong.empty();
    }

    /** How many grants are remembered. */
    public int size() {
        return size;
    }
}
