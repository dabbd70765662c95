package io.limen.agent.revocation;

import io.limen.format.credential.RevocationKey;
import java.util.Arrays;
import java.util.Collection;

/**
 * An immutable snapshot of the revocation list, answered from memory: the keys in two sorted,
 * parallel {@code long[]} arrays (16 bytes a key, so a million keys take about 16 MB) searched by
 * binary search in unsigned order — the order of {@link RevocationKey#compareTo} and of SQLite's
 * {@code ORDER BY key} on 16-byte blobs.
 *
 * <p>A prefix index narrows each search first: {@code bucketStarts[b]} is the first key whose top
 * {@code prefixBits} bits are {@code b}. Keys are SHA-256 prefixes, so uniform; with about 8 keys a
 * bucket a lookup costs one read of the index (at most 256 KiB, 2^16 + 1 ints, for a million keys)
 * and three or four steps inside one or two cache lines, instead of twenty steps of a plain binary
 * search that mostly miss the cache.
 *
 * <p>Safe to share between threads; the agent swaps whole snapshots behind an {@code AtomicReference}.
 */
public final class RevocationSet implements Revocations {

    private static final RevocationSet EMPTY = new RevocationSet(0, new long[0], new long[0]);

    private final long version;
    private final long[] highs;
    private final long[] lows;
    private final int prefixBits;
    private final int[] bucketStarts;

    private RevocationSet(long version, long[] highs, long[] lows) {
        this.version = version;
        this.highs = highs;
        this.lows = lows;
        this.prefixBits = prefixBits(highs.length);
        this.bucketStarts = bucketStarts(highs, prefixBits);
    }

    /** About 8 keys a bucket, at most 2^16 buckets; 0 bits (one bucket) below 16 keys. */
    private static int prefixBits(int size) {
        int log2 = 31 - Integer.numberOfLeadingZeros(Math.max(size, 1));
        return Math.clamp(log2 - 3, 0, 16);
    }

    private static int[] bucketStarts(long[] sortedHighs, int bits) {
        int[] starts = new int[(1 << bits) + 1];
        int key = 0;
        for (int bucket = 0; bucket < starts.length - 1; bucket++) {
            starts[bucket] = key;
            while (key < sortedHighs.length && bucketOf(sortedHighs[key], bits) == bucket) {
                key++;
            }
        }
        starts[starts.length - 1] = sortedHighs.length;
        return starts;
    }

    private static int bucketOf(long high, int bits) {
        return bits == 0 ? 0 : (int) (high >>> (64 - bits)); // Java masks a shift by 64 to 0
    }

    /** No list yet: version 0, nothing revoked. */
    public static RevocationSet empty() {
        return EMPTY;
    }

    /** A snapshot of keys in any order; duplicates count once. */
    public static RevocationSet of(long version, Collection<RevocationKey> keys) {
        return of(version, keys.toArray(new RevocationKey[0]));
    }

    /** A snapshot of keys in any order; duplicates count once. The array is not changed. */
    public static RevocationSet of(long version, RevocationKey... keys) {
        RevocationKey[] sorted = keys.clone();
        Arrays.sort(sorted); // throws NullPointerException on a null key
        Builder builder = sortedBuilder(version, sorted.length);
        RevocationKey previous = null;
        for (RevocationKey key : sorted) {
            if (!key.equals(previous)) {
                builder.add(key.high(), key.low());
            }
            previous = key;
        }
        return builder.build();
    }

    /**
     * A builder for keys that arrive already in strictly ascending unsigned order (rows read
     * {@code ORDER BY key}). Order is checked as keys arrive, one comparison each, never re-sorted.
     *
     * @param expectedSize a capacity hint; the builder grows past it if needed
     */
    public static Builder sortedBuilder(long version, int expectedSize) {
        return new Builder(version, expectedSize);
    }

    @Override
    public boolean contains(RevocationKey key) {
        return indexOf(key.high(), key.low()) >= 0;
    }

    /** How many distinct keys are revoked. */
    @Override
    public int size() {
        return highs.length;
    }

    /** The version of the revocation list this snapshot was taken from; 0 for no list. */
    @Override
    public long version() {
        return version;
    }

    /** The key at {@code index} in ascending order, for copying a snapshot out and for tests. */
    public RevocationKey get(int index) {
        return new RevocationKey(highs[index], lows[index]);
    }

    /** The index of the key, or -1. A binary search inside the key's prefix bucket. */
    private int indexOf(long high, long low) {
        int bucket = bucketOf(high, prefixBits);
        int lo = bucketStarts[bucket];
        int hi = bucketStarts[bucket + 1] - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int byHigh = Long.compareUnsigned(highs[mid], high);
            int cmp = byHigh != 0 ? byHigh : Long.compareUnsigned(lows[mid], low);
            if (cmp < 0) {
                lo = mid + 1;
            } else if (cmp > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RevocationSet other
                && version == other.version
                && Arrays.equals(highs, other.highs)
                && Arrays.equals(lows, other.lows);
    }

    @Override
    public int hashCode() {
        return (31 * Long.hashCode(version) + Arrays.hashCode(highs)) * 31 + Arrays.hashCode(lows);
    }

    @Override
    public String toString() {
        return "RevocationSet{version=" + version + ", size=" + size() + "}";
    }

    /** Collects keys in strictly ascending order; see {@link #sortedBuilder}. Not thread-safe. */
    public static final class Builder {
        private final long version;
        private long[] highs;
        private long[] lows;
        private int size;
        private boolean built;

        private Builder(long version, int expectedSize) {
            if (version < 0) {
                throw new IllegalArgumentException("version must not be negative, but was " + version);
            }
            if (expectedSize < 0) {
                throw new IllegalArgumentException("expectedSize must not be negative, but was " + expectedSize);
            }
            this.version = version;
            this.highs = new long[expectedSize];
            this.lows = new long[expectedSize];
        }

        /**
         * Appends a key that must sort strictly after the previous one.
         *
         * @throws IllegalArgumentException if it does not (out of order or a duplicate)
         */
        public Builder add(long high, long low) {
            if (built) {
                throw new IllegalStateException("builder already built");
            }
            if (size > 0) {
                int byHigh = Long.compareUnsigned(highs[size - 1], high);
                int cmp = byHigh != 0 ? byHigh : Long.compareUnsigned(lows[size - 1], low);
                if (cmp >= 0) {
                    throw new IllegalArgumentException("revocation keys must be strictly ascending, but key "
                            + size + " (" + new RevocationKey(high, low) + ") does not sort after "
                            + new RevocationKey(highs[size - 1], lows[size - 1]));
                }
            }
            if (size == highs.length) {
                int capacity = Math.max(16, size + (size >> 1));
                highs = Arrays.copyOf(highs, capacity);
                lows = Arrays.copyOf(lows, capacity);
            }
            highs[size] = high;
            lows[size] = low;
            size++;
            return this;
        }

        public Builder add(RevocationKey key) {
            return add(key.high(), key.low());
        }

        public RevocationSet build() {
            built = true;
            if (size == 0 && version == 0) {
                return EMPTY;
            }
            // Trim only when the hint was wrong; the usual case hands over the arrays without a copy.
            long[] h = size == highs.length ? highs : Arrays.copyOf(highs, size);
            long[] l = size == lows.length ? lows : Arrays.copyOf(lows, size);
            return new RevocationSet(version, h, l);
        }
    }
}
