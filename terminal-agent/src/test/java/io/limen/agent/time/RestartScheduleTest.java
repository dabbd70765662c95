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

    @Test
    void evenAtCap_isFullJitterUpToTheFirstWaitAtTheCap_thenTheCapItself() {
        RestartSchedule schedule = RestartSchedule.evenAtCap(Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(10),
                new SplittableRandom(3));
        for (int n = 1; n <= 7; n++) { // 0.5 s .. 16 s, then the first at the 30 s cap: drawn
            Duration wait = schedule.failed();
            assertTrue(!wait.isNegative() && wait.compareTo(schedule.ceiling(n)) <= 0, n + ": " + wait);
            assertTrue(wait.compareTo(schedule.ceiling(n)) < 0, "a draw, not the ceiling: " + wait);
        }
        for (int n = 8; n <= 20; n++) {
            assertEquals(Duration.ofSeconds(30), schedule.failed(), "after a full-jitter draw at the cap, the cap");
        }
        // A connection that stayed up starts the count again: full jitter from the first wait.
        schedule.frameArrived(0);
        schedule.frameArrived(10_000 * MS);
        assertEquals(0, schedule.failuresInARow());
        assertTrue(schedule.failed().compareTo(Duration.ofMillis(500)) <= 0);
    }

    /**
     * Why the uplink's schedule is even at the cap (docs/surge.md): 1,000 terminals lose the broker together,
     * it is back 60 s later; the first second after it sees the fleet's retry rate. With full jitter at the
     * 30 s cap that is 2 × 1,000 / 30 s = 67 a second; even at the cap 1,000 / 30 s = 33, and the busiest
     * second stays within the goal of 1.5 × fleet ÷ window = 50.
     */
    @Test
    void aFleetBackingOff_retriesEvenlyAtTheCap_peakAttemptsPerSecondAfterARestartWithin1_5TimesFleetOverWindow() {
        for (long seed = 1; seed <= 5; seed++) {
            int even = peakAttemptsAfterRestart(seed, true);
            int full = peakAttemptsAfterRestart(seed, false);
            assertTrue(even <= 50, "even at the cap, seed " + seed + ": " + even + " attempts in the busiest second");
            assertTrue(full > 55, "full jitter at the cap, seed " + seed + ": " + full);
        }
    }

    /** Each terminal's attempts from a loss at 0 until the first at or after the restart at 60 s; the most first-attempts in one second. */
    private static int peakAttemptsAfterRestart(long seed, boolean evenAtCap) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] perSecond = new int[40];
        for (int terminal = 0; terminal < 1000; terminal++) {
            RestartSchedule schedule = evenAtCap
                    ? RestartSchedule.evenAtCap(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(1), random.split())
                    : new RestartSchedule(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(1), random.split());
            long t = 0;
            while (t < 60_000 * MS) {
                t += schedule.failed().toNanos();
            }
            perSecond[(int) ((t - 60_000 * MS) / (1000 * MS))]++;
        }
        return java.util.Arrays.stream(perSecond).max().orElseThrow();
    }
}
