package io.limen.agent.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.format.credential.Presentation;
import io.limen.format.credential.RevocationKey;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The replay memory: what it remembers, until when, within what bound, and what a restart means. */
class PresentationsTest {

    private static final Instant T = Instant.parse("2026-11-27T12:00:00Z");
    private static final Duration WINDOW = Duration.ofSeconds(30);
    private static final RevocationKey ADA = RevocationKey.of("iss", new byte[] {1});
    private static final RevocationKey BOB = RevocationKey.of("iss", new byte[] {2});

    private static Presentation at(Instant t, long nonce) {
        return new Presentation(t, nonce);
    }

    @Test
    void grantedPresentation_isRemembered_byCredentialTimeAndNonce() {
        Presentations seen = new Presentations(100, WINDOW, Instant.MIN);
        seen.record(ADA, at(T, 7), T);

        assertTrue(seen.granted(ADA, at(T, 7)));
        assertFalse(seen.granted(ADA, at(T, 8)), "another nonce is another presentation");
        assertFalse(seen.granted(ADA, at(T.plusSeconds(1), 7)), "another t is another presentation");
        assertFalse(seen.granted(BOB, at(T, 7)), "another credential's");
    }

    @Test
    void presentation_isForgottenOnlyOnceTheClockIsPastItsWindow() {
        Presentations seen = new Presentations(100, WINDOW, Instant.MIN);
        seen.record(ADA, at(T, 1), T);

        seen.record(BOB, at(T.plus(WINDOW), 2), T.plus(WINDOW));
        assertTrue(seen.granted(ADA, at(T, 1)), "at exactly t + window the verifier still accepts it, so it is kept");

        seen.record(BOB, at(T.plus(WINDOW), 3), T.plus(WINDOW).plusMillis(1));
        assertFalse(seen.granted(ADA, at(T, 1)), "past t + window it is refused as presentation_expired anyway");
        assertEquals(2, seen.size());
        assertEquals(0, seen.droppedFresh());
    }

    @Test
    void forgetting_usesTheWindowInForceThen_soAWidenedWindowKeepsWhatWasGranted() {
        Presentations seen = new Presentations(100, Duration.ofSeconds(5), Instant.MIN);
        seen.record(ADA, at(T, 1), T, Duration.ofSeconds(5));

        seen.record(BOB, at(T.plusSeconds(10), 2), T.plusSeconds(10), Duration.ofSeconds(30));
        assertTrue(seen.granted(ADA, at(T, 1)), "10 s after t: out of the old 5 s window, inside the new 30 s one");

        seen.record(BOB, at(T.plusSeconds(31), 3), T.plusSeconds(31), Duration.ofSeconds(30));
        assertFalse(seen.granted(ADA, at(T, 1)));
    }

    @Test
    void atCapacity_theEldestIsDropped_andCountedWhenStillFresh() {
        Presentations seen = new Presentations(3, WINDOW, Instant.MIN);
        for (int nonce = 0; nonce < 5; nonce++) {
            seen.record(ADA, at(T, nonce), T);
        }

        assertEquals(3, seen.size());
        assertFalse(seen.granted(ADA, at(T, 0)));
        assertFalse(seen.granted(ADA, at(T, 1)));
        assertTrue(seen.granted(ADA, at(T, 4)));
        assertEquals(2, seen.droppedFresh());
    }

    @Test
    void hundredThousandEntries_stayBounded() {
        Presentations seen = new Presentations(Presentations.DEFAULT_CAPACITY, WINDOW, Instant.MIN);
        for (int nonce = 0; nonce < Presentations.DEFAULT_CAPACITY + 10; nonce++) {
            seen.record(ADA, at(T, nonce), T);
        }
        assertEquals(Presentations.DEFAULT_CAPACITY, seen.size());
        assertEquals(10, seen.droppedFresh());
    }

    @Test
    void signedBeforeStart_isTheSecondBeforeTheStartInstant() {
        Presentations seen = new Presentations(10, WINDOW, T);

        assertTrue(seen.signedBeforeStart(at(T.minusSeconds(1), 0)));
        assertFalse(seen.signedBeforeStart(at(T, 0)));
        assertFalse(Presentations.none().signedBeforeStart(at(Instant.EPOCH, 0)), "a tool remembers nothing from before");
    }

    @Test
    void capacityBelowOne_isRefused() {
        assertEquals("presentations capacity must be at least 1, but was 0",
                assertThrows(IllegalArgumentException.class, () -> new Presentations(0, WINDOW, T)).getMessage());
    }
}
