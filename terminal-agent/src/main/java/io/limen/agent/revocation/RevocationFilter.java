package io.limen.agent.revocation;

import com.google.common.hash.BloomFilter;
import com.google.common.hash.Funnel;
import com.google.common.io.ByteStreams;
import com.google.common.io.CountingOutputStream;
import io.limen.format.credential.RevocationKey;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * The in-memory half of the revocation list at city scale: a Bloom filter over the revocation keys
 * that answers "certainly not revoked" (the common case) without the disk, and "maybe revoked" for
 * every revoked key and for about {@link #FALSE_POSITIVE_RATE} of the others, which the SQLite store
 * then confirms or clears ({@link FilteredRevocations}). It never answers "not revoked" for a key that
 * was put in.
 *
 * <p>Guava's {@code BloomFilter} (Murmur3-128, {@code k = 10} probes at 0.1 %): about 14.4 bits a key,
 * so 10 M keys take about 18 MB against 160 MB for the sorted arrays of {@link RevocationSet}. A
 * non-member usually stops at its first or second unset bit: one or two cache misses. We did not write
 * our own (a blocked filter keeps all probes in one cache line, faster on a member, but needs ~10 %
 * more bits for the same rate, and the member case ends in a SQLite query anyway). Many keys at once
 * (a start without a kept filter, a chunked snapshot) go through {@link RevocationFilterBuilder}, which
 * sets Guava's own bits without Guava's per-key costs.
 *
 * <p>Sized for {@link #capacityFor} keys, with headroom for deltas; past its capacity the rate rises, so
 * the owner rebuilds it from the store ({@link #isOverCapacity}). Keys removed from the list stay in the
 * filter (a Bloom filter cannot remove): the store clears them on confirmation, and the next rebuild
 * drops them.
 *
 * <p>Mutable only while its owner builds it ({@link #put}); shared between threads only after that,
 * through a final field or an {@code AtomicReference}, which publishes it safely.
 */
public final class RevocationFilter {

    /** The false-positive rate the filter is sized for, at its capacity: 0.1 %. */
    public static final double FALSE_POSITIVE_RATE = 0.001;

    /** The smallest capacity, so that a tiny list's first deltas do not force rebuilds. */
    static final long MIN_CAPACITY = 1024;

    // The key is already a SHA-256 prefix; Guava hashes its 16 bytes once more, which costs ~20 ns.
    private static final Funnel<RevocationKey> KEY_FUNNEL = (key, into) -> into.putLong(key.high()).putLong(key.low());

    private final BloomFilter<RevocationKey> bloom;
    private final long capacity;
    private volatile long bytes = -1; // the bit array never changes size: measured once

    private RevocationFilter(BloomFilter<RevocationKey> bloom, long capacity) {
        this.bloom = bloom;
        this.capacity = capacity;
    }

    /** An empty filter sized for {@link #capacityFor capacityFor(keys)}. */
    public static RevocationFilter forKeys(long keys) {
        long capacity = capacityFor(keys);
        return new RevocationFilter(BloomFilter.create(KEY_FUNNEL, capacity, FALSE_POSITIVE_RATE), capacity);
    }

    /** The capacity a filter for {@code keys} keys is sized for: one sixteenth more, at least 1,024. */
    public static long capacityFor(long keys) {
        if (keys < 0) {
            throw new IllegalArgumentException("key count must not be negative, but was " + keys);
        }
        return Math.max(MIN_CAPACITY, keys + keys / 16);
    }

    /** Adds {@code key}; only the builder of this filter calls it, before sharing it. */
    public void put(RevocationKey key) {
        bloom.put(key);
    }

    /** False when {@code key} was certainly never put in; true when it was, or for a false positive. */
    public boolean mightContain(RevocationKey key) {
        return bloom.mightContain(key);
    }

    /** A copy to add a delta to, leaving this one as it is for the lookups still using it. */
    public RevocationFilter copy() {
        return new RevocationFilter(bloom.copy(), capacity);
    }

    /** Whether more keys went in than it was sized for, so that its rate is above {@link #FALSE_POSITIVE_RATE}. */
    public boolean isOverCapacity() {
        return bloom.approximateElementCount() > capacity;
    }

    /** How many keys it was sized for. */
    public long capacity() {
        return capacity;
    }

    /** The false-positive rate it has now, from the bits set (Guava's estimate). */
    public double expectedFalsePositiveRate() {
        return bloom.expectedFpp();
    }

    /**
     * Guava's serial form (a strategy byte, the probe count, the word count, the bit array's words), as
     * the store keeps it to start without reading the whole list ({@code RevocationIndex}).
     */
    byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.toIntExact(sizeInBytes()));
        try {
            bloom.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return out.toByteArray();
    }

    /** CRC-32C of {@code bytes}: the store keeps it beside the filter to notice a damaged blob. */
    static long checksum(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return crc.getValue();
    }

    /** The filter {@link #toBytes} wrote, or empty if the bytes are not one (damaged, or another Guava's). */
    static Optional<RevocationFilter> fromBytes(byte[] bytes, long capacity) {
        try {
            return Optional.of(new RevocationFilter(BloomFilter.readFrom(new ByteArrayInputStream(bytes), KEY_FUNNEL), capacity));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * A filter in Guava's serial form read from {@code in} ({@link RevocationFilterBuilder}, which makes it).
     *
     * @throws IllegalStateException if it is not one: the builder's bug, never input from outside
     */
    static RevocationFilter readFrom(java.io.InputStream in, long capacity) {
        try {
            return new RevocationFilter(BloomFilter.readFrom(in, KEY_FUNNEL), capacity);
        } catch (IOException e) {
            throw new IllegalStateException("a filter built in memory did not read back: " + e.getMessage(), e);
        }
    }

    /** Its size in bytes: the bit array (as Guava serialises it, a few bytes of header more). */
    public long sizeInBytes() {
        if (bytes < 0) {
            bytes = measure();
        }
        return bytes;
    }

    private long measure() {
        try (CountingOutputStream counting = new CountingOutputStream(ByteStreams.nullOutputStream())) {
            bloom.writeTo(counting);
            return counting.getCount();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a null stream does not fail
        }
    }

    @Override
    public String toString() {
        return "RevocationFilter{capacity=" + capacity + "}";
    }
}
