package io.limen.agent.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A chatty tool's stderr: a burst, then one line per interval, the held-back lines counted; time stepped by hand. */
class LineRateLimitTest {

    private static final long S = 1_000_000_000L;

    @Test
    void burstThenOnePerInterval_andTheHeldBackLinesAreCounted() {
        LineRateLimit limit = new LineRateLimit(10, Duration.ofSeconds(6), 0);
        for (int i = 0; i < 10; i++) {
            assertTrue(limit.allow(0));
        }
        for (int i = 0; i < 500; i++) {
            assertFalse(limit.allow(S));
        }
        assertFalse(limit.allow(5 * S));
        assertTrue(limit.allow(6 * S), "one line per 6 s");
        assertEquals(501, limit.takeSuppressed());
        assertEquals(0, limit.takeSuppressed());
        assertFalse(limit.allow(7 * S));
    }

    @Test
    void quietTool_refillsToTheBurst_notBeyond() {
        LineRateLimit limit = new LineRateLimit(3, Duration.ofSeconds(1), 0);
        for (int i = 0; i < 3; i++) {
            assertTrue(limit.allow(3600 * S));
        }
        assertFalse(limit.allow(3600 * S));
    }
}
