package io.limen.agent.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.config.DebounceConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Debounce at its boundaries, on a clock stepped by hand (nanoseconds). */
class DebounceTest {

    static final long MS = 1_000_000L;
    static final long FRAME = 33 * MS;
    /** absence 1 s, hold 10 s */
    final Debounce debounce = new Debounce(new DebounceConfig(Duration.ofSeconds(1), Duration.ofSeconds(10)));

    @Test
    void codeStayingInView_isDecidedOnce() {
        assertTrue(debounce.decide("A", 0));
        for (long t = FRAME; t < 9_000 * MS; t += FRAME) {
            assertFalse(debounce.decide("A", t), "frame at " + t / MS + " ms");
        }
    }

    @Test
    void codeBackAfterAbsence_isDecidedAgain_exactlyAtTheAbsence() {
        assertTrue(debounce.decide("A", 0));
        assertFalse(debounce.decide("A", 1_000 * MS - 1), "gone one nanosecond short of the absence");
        assertTrue(debounce.decide("A", 2_000 * MS - 1), "gone exactly the absence since the last sighting");
    }

    @Test
    void codeHeldInView_isDecidedAgain_exactlyAtTheHoldTime() {
        assertTrue(debounce.decide("A", 0));
        long t = 0;
        while (t + FRAME < 10_000 * MS) {
            t += FRAME;
            assertFalse(debounce.decide("A", t));
        }
        assertFalse(debounce.decide("A", 10_000 * MS - 1), "one nanosecond short of the hold time");
        assertTrue(debounce.decide("A", 10_000 * MS), "held exactly the hold time");
        assertFalse(debounce.decide("A", 10_000 * MS + FRAME), "the hold counts from the new decision");
    }

    @Test
    void differentCode_isDecidedAtOnce() {
        assertTrue(debounce.decide("A", 0));
        assertTrue(debounce.decide("B", FRAME));
        assertTrue(debounce.decide("C", FRAME));
    }

    @Test
    void codeSeenBetweenFramesOfAnother_hasNotLeftTheView() {
        // Two phones in view: each is decided once, neither again while both stay.
        assertTrue(debounce.decide("A", 0));
        assertTrue(debounce.decide("B", FRAME));
        assertFalse(debounce.decide("A", 2 * FRAME));
        assertFalse(debounce.decide("B", 3 * FRAME));
    }

    @Test
    void fiftyCodesInTwoSeconds_areEachDecided() {
        int decided = 0;
        for (int i = 0; i < 50; i++) {
            long t = i * 40 * MS;
            decided += debounce.decide("code-" + i, t) ? 1 : 0;
            decided += debounce.decide("code-" + i, t + 20 * MS) ? 1 : 0;
        }
        assertEquals(50, decided);
    }

    @Test
    void forgottenCode_isDecidedAgain_neverIgnored() {
        assertTrue(debounce.decide("first", 0));
        for (int i = 0; i < Debounce.REMEMBERED; i++) {
            assertTrue(debounce.decide("other-" + i, 1));
        }
        assertTrue(debounce.decide("first", 2), "pushed out of memory by " + Debounce.REMEMBERED + " newer codes");
    }

    @Test
    void reconfigured_keepsWhatIsInView() {
        assertTrue(debounce.decide("A", 0));
        Debounce longer = debounce.reconfigured(new DebounceConfig(Duration.ofSeconds(5), Duration.ofSeconds(60)));

        assertFalse(longer.decide("A", 3_000 * MS), "gone 3 s: enough under the old absence, not under the new");
        assertTrue(longer.decide("A", 8_000 * MS));
        assertEquals(Duration.ofSeconds(5), longer.settings().absence());
    }
}
