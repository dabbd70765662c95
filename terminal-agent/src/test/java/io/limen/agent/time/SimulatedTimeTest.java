package io.limen.agent.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedTimeTest {

    static final Instant START = Instant.parse("2026-11-27T12:00:00Z");

    @Test
    void advance_movesTheWallClockAndTheSchedulerTogether() {
        SimulatedTime time = new SimulatedTime(START);
        List<Instant> ranAt = new ArrayList<>();
        time.schedule(() -> ranAt.add(time.read().instant()), Duration.ofMillis(800));

        time.advance(Duration.ofSeconds(3));

        assertEquals(List.of(START.plusMillis(800)), ranAt, "a task sees the wall clock at its due time");
        assertEquals(START.plusSeconds(3), time.read().instant());
        assertEquals(Duration.ofSeconds(3).toNanos(), time.nanoTime());
        assertEquals(0, time.pending());
    }

    @Test
    void trust_isWhatWasSet_synchronisedAtFirst() {
        SimulatedTime time = new SimulatedTime(START);
        assertTrue(time.read().trusted());

        time.setTrust(TimeReading.Trust.UNSYNCHRONISED);

        assertFalse(time.read().trusted());
        assertEquals(START, time.read().instant());
    }

    @Test
    void systemWallClock_reportsTheTrustItIsGiven() {
        assertFalse(new SystemWallClock(java.time.Clock.systemUTC(), () -> false).read().trusted());
        assertTrue(SystemWallClock.trustingSystemClock().read().trusted());
    }
}
