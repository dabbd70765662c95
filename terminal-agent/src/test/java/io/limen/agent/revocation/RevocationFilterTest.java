package io.limen.agent.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.format.credential.RevocationKey;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RevocationFilterTest {

    private static RevocationKey random(SplittableRandom random) {
        return new RevocationKey(random.nextLong(), random.nextLong());
    }

    @Test
    void everyKeyPutIn_mightBeContained_noFalseNegatives() {
        SplittableRandom random = new SplittableRandom(1);
        RevocationFilter filter = RevocationFilter.forKeys(100_000);
        RevocationKey[] keys = new RevocationKey[100_000];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = random(random);
            filter.put(keys[i]);
        }
        for (RevocationKey key : keys) {
            assertTrue(filter.mightContain(key), key::toString);
        }
    }

    @Test
    void falsePositiveRate_atCapacity_isAboutTheStatedRate() {
        SplittableRandom random = new SplittableRandom(2);
        RevocationFilter filter = RevocationFilter.forKeys(100_000);
        for (long i = 0; i < filter.capacity(); i++) {
            filter.put(random(random));
        }
        int probes = 1_000_000;
        int hits = 0;
        for (int i = 0; i < probes; i++) {
            hits += filter.mightContain(random(random)) ? 1 : 0;
        }
        double rate = hits / (double) probes;
        // 0.1 % stated; a million probes put the measured rate within ±0.01 % of the true one.
        assertTrue(rate > 0.0007 && rate < 0.0013, "false-positive rate " + rate);
    }

    @Test
    void size_isAbout14BitsAKeyOfCapacity() {
        RevocationFilter filter = RevocationFilter.forKeys(1_000_000);
        assertEquals(1_062_500, filter.capacity());
        // -ln(0.001) / ln(2)^2 = 14.38 bits a key: 1.91 MB for 1,062,500 keys.
        long bytes = filter.sizeInBytes();
        assertTrue(bytes > 1_900_000 && bytes < 1_920_000, "bytes " + bytes);
    }

    @Test
    void copy_takesLaterKeys_withoutChangingTheOriginal() {
        RevocationFilter original = RevocationFilter.forKeys(10);
        RevocationKey key = new RevocationKey(42, 43);
        RevocationFilter copy = original.copy();
        copy.put(key);
        assertTrue(copy.mightContain(key));
        assertFalse(original.mightContain(key));
    }

    @Test
    void pastItsCapacity_itSaysSo() {
        SplittableRandom random = new SplittableRandom(3);
        RevocationFilter filter = RevocationFilter.forKeys(0);
        assertEquals(RevocationFilter.MIN_CAPACITY, filter.capacity());
        for (int i = 0; i < 2 * RevocationFilter.MIN_CAPACITY; i++) {
            filter.put(random(random));
        }
        assertTrue(filter.isOverCapacity());
    }

    @Test
    void negativeKeyCount_isRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RevocationFilter.forKeys(-1));
        assertEquals("key count must not be negative, but was -1", e.getMessage());
    }
}
