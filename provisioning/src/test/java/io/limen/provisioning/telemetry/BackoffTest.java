package io.limen.provisioning.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

    @Test
    void theCeiling_doublesFromInitial_upToMax() {
        assertEquals(1_000, backoff.ceilingMillis(1));
        assertEquals(2_000, backoff.ceilingMillis(2));
        assertEquals(32_000, backoff.ceilingMillis(6));
        assertEquals(60_000, backoff.ceilingMillis(7));
        assertEquals(60_000, backoff.ceilingMillis(1_000_000));
    }

    @Test
    void theDelay_isFullJitter_uniformFromZeroToTheCeiling() {
        SplittableRandom random = new SplittableRandom(3);
        long min = Long.MAX_VALUE;
        long max = 0;
        long sum = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            long d = backoff.delayMillis(3, random);
            min = Math.min(min, d);
            max = Math.max(max, d);
            sum += d;
        }
        assertTrue(min < 40 && max > 3_960 && max <= 4_000, min + ".." + max);
        assertEquals(2_000, sum / n, 60);
    }

    @Test
    void impossibleSettings_areRefusedWithTheValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertEquals("backoff must satisfy 0 < initial <= max, but was PT2S and PT1S", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> backoff.ceilingMillis(0));
    }
}
