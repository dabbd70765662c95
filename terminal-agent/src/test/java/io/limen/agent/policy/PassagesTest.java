package io.limen.agent.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.limen.format.credential.RevocationKey;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PassagesTest {

    private static final RevocationKey ADA = new RevocationKey(1, 2);
    private static final RevocationKey BOB = new RevocationKey(1, 3);

    @Test
    void lastGrant_isTheNewestOfTheHolder() {
        Passages passages = new Passages(4);
        passages.record(ADA, 100);
        passages.record(BOB, 200);
        passages.record(ADA, 300);

        assertEquals(OptionalLong.of(300), passages.lastGranted(ADA));
        assertEquals(OptionalLong.of(200), passages.lastGranted(BOB));
        assertEquals(OptionalLong.empty(), passages.lastGranted(new RevocationKey(2, 2)));
    }

    @Test
    void beyondCapacity_theOldestIsForgotten() {
        Passages passages = new Passages(2);
        passages.record(ADA, 100);
        passages.record(BOB, 200);
        passages.record(BOB, 300);

        assertEquals(OptionalLong.empty(), passages.lastGranted(ADA));
        assertEquals(2, passages.size());
    }

    @Test
    void capacityBelowOne_isRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Passages(0));
        assertEquals("passages capacity must be at least 1, but was 0", e.getMessage());
    }
}
