package io.limen.agent.policy;

import io.limen.config.Direction;
import io.limen.format.credential.RevocationKey;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The last grants this entrance made, by credential, direction and monotonic time: what anti-passback
 * asks ("did this holder go this way here in the last N minutes?"). A fixed ring of the newest
 * {@code capacity} grants, so memory is bounded and recording allocates nothing; an older grant has
 * been forgotten.
 *
 * <p>A grant counts from the decision, so the same code shown again while the first person is still
 * in the turnstile is refused; when the gate reports the grant {@code not_passed}, it is
 * {@linkplain #giveBack given back} and the holder may try again at once.
 *
 * <p>Thread-safe: the admit thread records and reads; the gate's event thread gives back.
 */
public final class Passages {

    private final long[] high;
    private final long[] low;
    private final long[] nanos;
    private final Direction[] directions;
    private final Direction scanDirection;
    private int next;
    private int size;

    /** Passages of an entrance whose scans let people in ({@link Direction#ENTRY}). */
    public Passages(int capacity) {
        this(capacity, Direction.ENTRY);
    }

    /** @param scanDirection the way a grant at this terminal lets a person go, for {@link #record(RevocationKey, long)} */
    public Passages(int capacity, Direction scanDirection) {
        if (capacity < 1) {
            throw new IllegalArgumentException("passages capacity must be at least 1, but was " + capacity);
        }
        this.scanDirection = Objects.requireNonNull(scanDirection, "scanDirection must not be null");
        high = new long[capacity];
        low = new long[capacity];
        nanos = new long[capacity];
        directions = new Direction[capacity];
    }

    /** Remembers that the credential with {@code key} was granted at {@code atNanos}, in the scan direction. */
    public void record(RevocationKey key, long atNanos) {
        record(key, scanDirection, atNanos);
    }

    /** Remembers that the credential with {@code key} was granted at monotonic time {@code atNanos} going {@code direction}. */
    public synchronized void record(RevocationKey key, Direction direction, long atNanos) {
        high[next] = key.high();
        low[next] = key.low();
        nanos[next] = atNanos;
        directions[next] = Objects.requireNonNull(direction, "direction must not be null");
        next = (next + 1) % high.length;
        size = Math.min(size + 1, high.length);
    }

    /** When the credential with {@code key} was last granted here, in any direction, if still remembered. */
    public synchronized OptionalLong lastGranted(RevocationKey key) {
        int at = newest(key, null);
        return at < 0 ? OptionalLong.empty() : OptionalLong.of(nanos[at]);
    }

    /** When the credential with {@code key} was last granted here going {@code direction}, if still remembered. */
    public synchronized OptionalLong lastGranted(RevocationKey key, Direction direction) {
        int at = newest(key, Objects.requireNonNull(direction, "direction must not be null"));
        return at < 0 ? OptionalLong.empty() : OptionalLong.of(nanos[at]);
    }

    /**
     * Forgets the newest grant of {@code key} going {@code direction}: nobody used it ({@code not_passed}),
     * so it must not count against the holder. Does nothing if none is remembered.
     */
    public synchronized void giveBack(RevocationKey key, Direction direction) {
        int at = newest(key, Objects.requireNonNull(direction, "direction must not be null"));
        if (at >= 0) {
            directions[at] = null; // a hole: matches nothing, ages out with the ring
        }
    }

    /** How many grants are remembered (given-back ones included until they age out). */
    public synchronized int size() {
        return size;
    }

    /** The way a grant at this terminal lets a person go. */
    public Direction scanDirection() {
        return scanDirection;
    }

    /** The slot of the newest live grant of {@code key} (in {@code direction}, or any when null); -1 for none. */
    private int newest(RevocationKey key, Direction direction) {
        for (int i = 1; i <= size; i++) {
            int at = Math.floorMod(next - i, high.length);
            if (high[at] == key.high() && low[at] == key.low() && directions[at] != null
                    && (direction == null || directions[at] == direction)) {
                return at;
            }
        }
        return -1;
    }
}
