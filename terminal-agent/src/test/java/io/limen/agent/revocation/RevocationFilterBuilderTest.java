package io.limen.agent.revocation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.format.credential.RevocationKey;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The builder sets exactly the bits Guava's {@code put} sets, in Guava's layout: the filter it builds is
 * byte for byte the one {@link RevocationFilter#forKeys} plus {@code put} builds, so lookups, the kept
 * blob and the false-positive rate do not change with the faster build.
 */
class RevocationFilterBuilderTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 1_000, 1_025, 100_000})
    void theBuiltFilter_isGuavasFilter_bitForBit(int count) {
        SplittableRandom random = new SplittableRandom(count);
        RevocationFilter guava = RevocationFilter.forKeys(count);
        RevocationFilterBuilder builder = RevocationFilterBuilder.forKeys(count);
        RevocationKey[] keys = new RevocationKey[count];
        for (int i = 0; i < count; i++) {
            keys[i] = new RevocationKey(random.nextLong(), random.nextLong());
            guava.put(keys[i]);
            builder.put(keys[i].high(), keys[i].low());
        }
        RevocationFilter built = builder.build();

        assertArrayEquals(guava.toBytes(), built.toBytes());
        assertEquals(guava.capacity(), built.capacity());
        assertTrue(Arrays.stream(keys).allMatch(built::mightContain), "never a false negative");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 5_000, 1_000_000, 10_000_000})
    void anEmptyBuild_hasGuavasSize_andProbeCount_forEveryCapacity(long keys) {
        byte[] guava = RevocationFilter.forKeys(keys).toBytes();
        byte[] built = RevocationFilterBuilder.forKeys(keys).build().toBytes();
        ByteBuffer header = ByteBuffer.wrap(built, 0, 6);
        assertEquals(1, header.get(), "strategy MURMUR128_MITZ_64");
        assertEquals(10, header.get(), "probes at 0.1 %");
        assertEquals(guava.length, built.length);
        assertArrayEquals(Arrays.copyOf(guava, 6), Arrays.copyOf(built, 6));
    }

    @Test
    void keysFromStoreBytes_hashAsTheRevocationKeyDoes() {
        RevocationKey key = RevocationKey.of("https://issuer.example", new byte[] {1, 2, 3, 4});
        RevocationFilterBuilder builder = RevocationFilterBuilder.forKeys(1);
        ByteBuffer bytes = ByteBuffer.wrap(key.toBytes());
        builder.put(bytes.getLong(0), bytes.getLong(8));
        RevocationFilter guava = RevocationFilter.forKeys(1);
        guava.put(key);
        assertArrayEquals(guava.toBytes(), builder.build().toBytes());
    }
}
