package io.limen.agent.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.format.credential.RevocationKey;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RevocationSetTest {

    private static final RevocationKey A = RevocationKey.fromHex("00000000000000000000000000000001");
    private static final RevocationKey B = RevocationKey.fromHex("7fffffffffffffff0000000000000000");
    // High halves with the sign bit set: they must sort after A and B (unsigned), not before.
    private static final RevocationKey C = RevocationKey.fromHex("80000000000000000000000000000000");
    private static final RevocationKey D = RevocationKey.fromHex("ffffffffffffffff7fffffffffffffff");
    private static final RevocationKey E = RevocationKey.fromHex("ffffffffffffffff8000000000000000");

    @Test
    void emptySet_containsNothing_andHasVersionZero() {
        RevocationSet set = RevocationSet.empty();
        assertEquals(0, set.size());
        assertEquals(0, set.version());
        assertFalse(set.contains(A));
    }

    @Test
    void unsortedKeys_areSorted_andFound_whatever_theSignBits() {
        RevocationSet set = RevocationSet.of(7, E, A, D, C);
        assertEquals(7, set.version());
        assertEquals(4, set.size());
        assertTrue(set.contains(A));
        assertTrue(set.contains(C));
        assertTrue(set.contains(D));
        assertTrue(set.contains(E));
        assertFalse(set.contains(B));
        assertEquals(List.of(A, C, D, E), List.of(set.get(0), set.get(1), set.get(2), set.get(3)));
    }

    @Test
    void duplicateKeys_countOnce() {
        RevocationSet set = RevocationSet.of(1, List.of(B, A, B, A, B));
        assertEquals(2, set.size());
        assertTrue(set.contains(A));
        assertTrue(set.contains(B));
    }

    @Test
    void keysSharingTheirHighHalf_areToldApartByTheLowHalf() {
        RevocationSet set = RevocationSet.of(1, D);
        assertTrue(set.contains(D));
        assertFalse(set.contains(E)); // same high half as D, low half differs in the sign bit only
    }

    @Test
    void sortedBuilder_acceptsAscendingKeys_andEqualsTheSortedBuild() {
        RevocationSet built = RevocationSet.sortedBuilder(3, 1).add(A).add(B).add(C).add(D).add(E).build();
        assertEquals(RevocationSet.of(3, E, D, C, B, A), built);
        assertEquals(5, built.size());
    }

    @Test
    void sortedBuilder_refusesAKeyOutOfUnsignedOrder_namingBothKeys() {
        RevocationSet.Builder builder = RevocationSet.sortedBuilder(1, 4).add(C);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> builder.add(B));
        assertEquals("revocation keys must be strictly ascending, but key 1 (" + B + ") does not sort after " + C,
                e.getMessage());
    }

    @Test
    void sortedBuilder_refusesADuplicate() {
        RevocationSet.Builder builder = RevocationSet.sortedBuilder(1, 4).add(A);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> builder.add(A));
        assertTrue(e.getMessage().startsWith("revocation keys must be strictly ascending"), e.getMessage());
    }

    @Test
    void sortedBuilder_refusesANegativeSizeHint() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> RevocationSet.sortedBuilder(1, -1));
        assertEquals("expectedSize must not be negative, but was -1", e.getMessage());
    }

    @Test
    void negativeVersion_isRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RevocationSet.of(-1, A));
        assertEquals("version must not be negative, but was -1", e.getMessage());
    }

    @Test
    void nullKey_isRefused() {
        assertThrows(NullPointerException.class, () -> RevocationSet.of(1, A, null));
    }

    @Test
    void randomKeys_agreeWithATreeSet_forPresentAndAbsentKeys() {
        SplittableRandom random = new SplittableRandom(42);
        List<RevocationKey> keys = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            // Few distinct high halves, so equal highs and the low-half comparison are exercised.
            keys.add(new RevocationKey(random.nextLong(-4, 4), random.nextLong()));
        }
        TreeSet<RevocationKey> expected = new TreeSet<>(keys);
        RevocationSet set = RevocationSet.of(9, keys);
        assertEquals(expected.size(), set.size());
        for (RevocationKey key : keys) {
            assertTrue(set.contains(key), key::toString);
        }
        for (int i = 0; i < 20_000; i++) {
            RevocationKey probe = new RevocationKey(random.nextLong(-5, 5), random.nextLong());
            assertEquals(expected.contains(probe), set.contains(probe), probe::toString);
        }
    }

    /** Sizes either side of the prefix-index thresholds (0 bits below 16 keys, then one more bit per doubling). */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 15, 16, 17, 31, 32, 127, 128, 129, 1_000, 70_000})
    void uniformKeys_agreeWithATreeSet_atEverySizeOfPrefixIndex(int size) {
        SplittableRandom random = new SplittableRandom(size);
        List<RevocationKey> keys = new ArrayList<>();
        // The extreme high halves land in the first and last buckets.
        long[] edges = {0, 1, Long.MAX_VALUE, Long.MIN_VALUE, -1};
        for (int i = 0; i < size; i++) {
            long high = i < edges.length && size > 8 ? edges[i] : random.nextLong();
            keys.add(new RevocationKey(high, random.nextLong()));
        }
        TreeSet<RevocationKey> expected = new TreeSet<>(keys);
        RevocationSet set = RevocationSet.of(1, keys);
        assertEquals(expected.size(), set.size());
        for (RevocationKey key : keys) {
            assertTrue(set.contains(key), key::toString);
            // Neighbours in the same bucket, and keys in the same bucket that are absent.
            for (RevocationKey near : List.of(new RevocationKey(key.high(), key.low() + 1),
                    new RevocationKey(key.high(), key.low() - 1), new RevocationKey(key.high() + 1, key.low()),
                    new RevocationKey(key.high() - 1, key.low()))) {
                assertEquals(expected.contains(near), set.contains(near), near::toString);
            }
        }
        for (long high : edges) {
            RevocationKey probe = new RevocationKey(high, random.nextLong());
            assertEquals(expected.contains(probe), set.contains(probe), probe::toString);
        }
        for (int i = 0; i < 10_000; i++) {
            RevocationKey probe = new RevocationKey(random.nextLong(), random.nextLong());
            assertEquals(expected.contains(probe), set.contains(probe), probe::toString);
        }
    }
}
