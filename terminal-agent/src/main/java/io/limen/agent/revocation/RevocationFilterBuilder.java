package io.limen.agent.revocation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * Builds a {@link RevocationFilter} from many keys at once (a start without a kept filter, a chunked
 * snapshot): the same bits Guava's {@code BloomFilter.put} would set, computed here without its costs.
 * Guava hashes each key through a new {@code Hasher} (about 110 bytes of garbage a key) and sets every
 * bit with a compare-and-swap, whose full fence keeps the CPU from overlapping the cache misses of the
 * ten probes; at 10 M keys that was most of an 18 s rebuild. Here each key is hashed with Guava's
 * Murmur3-128 in registers and its bits set with plain stores into a {@code long[]}, which is then
 * handed to Guava in its own serial form, so lookups, the kept blob and the false-positive rate are
 * Guava's exactly ({@code RevocationFilterBuilderTest} checks the filter equals Guava's, bit for bit).
 *
 * <p>Guava's layout, as its {@code BloomFilterStrategies.MURMUR128_MITZ_64} and {@code writeTo} define it:
 * the key's 16 bytes hashed as two little-endian longs (the funnel puts {@code high}, then {@code low});
 * {@code h1, h2} the two halves of the hash; probe {@code i} sets bit {@code ((h1 + i·h2) & Long.MAX_VALUE)
 * mod bitSize}; the serial form is a strategy byte (1), the probe count, the word count, the words.
 *
 * <p>Memory: the bit array (about 1.8 bytes a key at capacity), once more while Guava reads it in;
 * nothing per key. One thread builds; {@link #build} hands the result over.
 */
final class RevocationFilterBuilder {

    /** {@code BloomFilterStrategies.MURMUR128_MITZ_64.ordinal()}: the strategy Guava's {@code create} uses. */
    private static final byte MURMUR128_MITZ_64 = 1;
    private static final double LOG_TWO = Math.log(2);
    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;

    private final long capacity;
    private final int hashes;
    private final long[] words;
    private final long bitSize;

    private RevocationFilterBuilder(long capacity) {
        this.capacity = capacity;
        // Guava's BloomFilter.create(funnel, capacity, fpp): optimalNumOfBits and optimalNumOfHashFunctions.
        long bits = (long) (-capacity * Math.log(RevocationFilter.FALSE_POSITIVE_RATE) / (LOG_TWO * LOG_TWO));
        this.hashes = Math.max(1, (int) Math.round(-Math.log(RevocationFilter.FALSE_POSITIVE_RATE) / LOG_TWO));
        this.words = new long[Math.toIntExact((bits + 63) / 64)];
        this.bitSize = 64L * words.length;
    }

    /** An empty builder for a filter sized as {@link RevocationFilter#forKeys} sizes one for {@code keys}. */
    static RevocationFilterBuilder forKeys(long keys) {
        return new RevocationFilterBuilder(RevocationFilter.capacityFor(keys));
    }

    /** Adds the key whose 16 bytes are {@code high} then {@code low} (big-endian, as {@code RevocationKey} holds them). */
    void put(long high, long low) {
        // Murmur3_x64_128, seed 0, over exactly one 16-byte block (Guava's Murmur3_128HashFunction).
        long h1 = 0;
        long h2 = 0;
        h1 ^= mixK1(high);
        h1 = Long.rotateLeft(h1, 27);
        h1 += h2;
        h1 = h1 * 5 + 0x52dce729;
        h2 ^= mixK2(low);
        h2 = Long.rotateLeft(h2, 31);
        h2 += h1;
        h2 = h2 * 5 + 0x38495ab5;
        h1 ^= 16;
        h2 ^= 16;
        h1 += h2;
        h2 += h1;
        h1 = fmix64(h1);
        h2 = fmix64(h2);
        h1 += h2;
        h2 += h1;
        long combined = h1;
        for (int i = 0; i < hashes; i++) {
            long bit = (combined & Long.MAX_VALUE) % bitSize;
            words[(int) (bit >>> 6)] |= 1L << bit;
            combined += h2;
        }
    }

    private static long mixK1(long k1) {
        k1 *= C1;
        k1 = Long.rotateLeft(k1, 31);
        return k1 * C2;
    }

    private static long mixK2(long k2) {
        k2 *= C2;
        k2 = Long.rotateLeft(k2, 33);
        return k2 * C1;
    }

    private static long fmix64(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }

    /** The filter of the keys put so far; the builder is not used again. */
    RevocationFilter build() {
        return RevocationFilter.readFrom(new SerialForm(), capacity);
    }

    /** Guava's serial form of the bits, produced as Guava reads it: no second copy of the array in bytes. */
    private final class SerialForm extends InputStream {
        private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        private int next; // the next word to put into the buffer

        SerialForm() {
            buffer.put(MURMUR128_MITZ_64).put((byte) hashes).putInt(words.length).flip();
        }

        @Override
        public int read() {
            return fill() ? buffer.get() & 0xFF : -1;
        }

        @Override
        public int read(byte[] into, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(length, buffer.remaining());
            buffer.get(into, offset, n);
            return n;
        }

        private boolean fill() {
            if (buffer.hasRemaining()) {
                return true;
            }
            if (next == words.length) {
                return false;
            }
            buffer.clear();
            while (buffer.remaining() >= Long.BYTES && next < words.length) {
                buffer.putLong(words[next++]);
            }
            buffer.flip();
            return true;
        }

        @Override
        public void close() throws IOException {
        }
    }
}
