package io.limen.agent.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.limen.agent.uplink.throttle.Throttle;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The drain cap and the centre's throttle: the lower rate wins. */
class BatchPaceTest {

    private static Optional<Throttle> throttle(double perMinute) {
        return Optional.of(new Throttle(perMinute, Duration.ZERO, Instant.parse("2026-11-30T08:00:00Z")));
    }

    @Test
    void withoutAThrottle_theConfiguredCap() {
        BatchPace pace = BatchPace.of(60, Optional.empty());
        assertEquals(new BatchPace(60, BatchPace.CONFIG), pace);
        assertEquals(Duration.ofSeconds(1), pace.interval());
    }

    @Test
    void theLowerRateWins_eitherWay() {
        assertEquals(new BatchPace(2, BatchPace.THROTTLE), BatchPace.of(60, throttle(2)));
        assertEquals(Duration.ofSeconds(30), BatchPace.of(60, throttle(2)).interval());
        assertEquals(new BatchPace(1, BatchPace.CONFIG), BatchPace.of(1, throttle(30)));
        assertEquals(new BatchPace(30, BatchPace.CONFIG), BatchPace.of(30, throttle(30)), "a tie is the configured cap");
        assertEquals(Duration.ofMinutes(10), BatchPace.of(6_000, throttle(Throttle.MIN_RATE)).interval());
    }

    @Test
    void aRateThatIsNotPositive_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> new BatchPace(0, BatchPace.CONFIG));
        assertThrows(IllegalArgumentException.class, () -> new BatchPace(Double.NaN, BatchPace.CONFIG));
    }
}
