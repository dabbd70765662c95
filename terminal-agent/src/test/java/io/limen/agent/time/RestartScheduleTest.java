package io.limen.agent.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.config.RestartBackoff;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Full-jitter exponential backoff, reset only after frames flowed for a while; time stepped by hand. */
class RestartScheduleTest {

    private static final long MS = 1_000_000;
    private final RestartBackoff backoff = new RestartBackoff(Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(10));

    @Test
    void ceiling_doublesFromInitial_andStopsAtMax() {
        RestartSchedule schedule = new RestartSchedule(backoff, new SplittableRandom(1));
        assertEquals(Duration.ofMillis(500), schedule.ceiling(1));
        assertEquals(Duration.ofSeconds(1), schedule.ceiling(2));
        assertEquals(Duration.ofSeconds(16), schedule.ceiling(6));
        assertEquals(Duration.ofSeconds(30), schedule.ceiling(7));
        assertEquals(Duration.ofSeconds(30), schedule.ceiling(1000), "no overflow however long the camera is gone");
    }

    @Test
    void eachWait_isUniformBetweenZeroAndTheCeiling_fullJitter() {
        RestartSchedule schedule = new RestartSchedule(backoff, new SplittableRandom(42));
        long below = 0;
        for (int n = 1; n <= 2000; n++) {
            Duration wait = schedule.failed();
            Duration ceiling = schedule.ceiling(Math.min(n, 7));
            assertTrue(!wait.isNegative() && wait.compareTo(ceiling) <= 0, "wait " + wait + " within [0, " + ceiling + "]");
            if (n > 7 && wait.compareTo(Duration.ofSeconds(15)) < 0) {
                below++;
            }
        }
        // Full jitter: about half the capped waits fall below half the cap (proportional jitter would put none there).
        assertTrue(below > 800 && below < 1200, "waits below half the cap: " + below);
    }

    @Test
    void framesFlowingForResetAfter_startTheCountAgain_aFewFramesDoNot() {
        RestartSchedule schedule = new RestartSchedule(backoff, new SplittableRandom(3));
        schedule.failed();
        schedule.failed();
        schedule.failed();
        assertEquals(3, schedule.failuresInARow());

        schedule.frameArrived(0);
        schedule.frameArrived(9_999 * MS);
        assertEquals(3, schedule.failuresInARow(), "9.999 s of frames is not yet 'a while'");
        schedule.failed();
        assertEquals(4, schedule.failuresInARow(), "a failure restarts the flowing time");

        schedule.frameArrived(20_000 * MS);
        schedule.frameArrived(30_000 * MS);
        assertEquals(0, schedule.failuresInARow());
        assertTrue(schedule.failed().compareTo(Duration.ofMillis(500)) <= 0, "back to the first step");
    }
}
