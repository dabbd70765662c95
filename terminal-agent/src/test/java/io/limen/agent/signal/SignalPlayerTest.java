package io.limen.agent.signal;

import io.limen.agent.policy.Decision;
import io.limen.agent.signal.SignalPattern.Step;
import io.limen.agent.time.ManualScheduler;
import io.limen.format.Reason;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.limen.agent.signal.SignalOutput.BUZZER;
import static io.limen.agent.signal.SignalOutput.GREEN_LED;
import static io.limen.agent.signal.SignalOutput.RED_LED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The player on a stepped clock: output levels asserted on each side of every step boundary. */
class SignalPlayerTest {

    private final ManualScheduler time = new ManualScheduler();
    private final Recorder pins = new Recorder();
    private final SignalPlayer player = new SignalPlayer(time, pins);

    /** Remembers each output's last level (all off at first, as pins are created) and every write. */
    static final class Recorder implements SignalOutputs {
        final Map<SignalOutput, Boolean> level = new EnumMap<>(SignalOutput.class);
        final List<String> writes = new ArrayList<>();

        Recorder() {
            SignalPattern.OUTPUTS.forEach(o -> level.put(o, false));
        }

        @Override
        public void set(SignalOutput output, boolean on) {
            level.put(output, on);
            writes.add(output + "=" + on);
        }

        Set<SignalOutput> on() {
            Set<SignalOutput> on = new java.util.HashSet<>();
            level.forEach((k, v) -> {
                if (v) {
                    on.add(k);
                }
            });
            return on;
        }
    }

    private void at(long millis) {
        time.advance(Duration.ofMillis(millis));
    }

    @Test
    void play_writesTheFirstStepAtOnce_andSchedulesOnlyTheNext() {
        assertTrue(player.play(SignalPatterns.GRANTED));
        assertEquals(Set.of(GREEN_LED, BUZZER), pins.on());
        assertEquals(1, time.pending());
    }

    @Test
    void onlyOutputsThatChange_areWritten() {
        player.play(SignalPatterns.GRANTED);
        assertEquals(List.of("GREEN_LED=true", "BUZZER=true"), pins.writes, "red is off already");
        at(100);
        assertEquals(List.of("GREEN_LED=true", "BUZZER=true", "BUZZER=false"), pins.writes);
        player.hold(SignalPatterns.RELEASED);
        at(900);
        assertEquals(List.of("GREEN_LED=true", "BUZZER=true", "BUZZER=false"), pins.writes, "green stays: nothing to write");
    }

    @Test
    void granted_beepsOnce_thenGreen_thenAllOffAfterOneSecond() {
        player.play(SignalPatterns.GRANTED);
        at(0);
        assertEquals(Set.of(GREEN_LED, BUZZER), pins.on());
        at(99);
        assertEquals(Set.of(GREEN_LED, BUZZER), pins.on());
        at(1);   // 100 ms
        assertEquals(Set.of(GREEN_LED), pins.on());
        assertFalse(pins.level.get(RED_LED));
        at(899); // 999 ms
        assertEquals(Set.of(GREEN_LED), pins.on());
        at(1);   // 1000 ms
        assertEquals(Set.of(), pins.on());
        assertEquals(Map.of(GREEN_LED, false, RED_LED, false, BUZZER, false), pins.level);
        assertEquals(SignalPatterns.DARK, player.playing());
        assertEquals(0, time.pending());
    }

    @Test
    void denied_redWithTwoBeeps() {
        player.play(SignalPatterns.DENIED);
        at(0);
        assertEquals(Set.of(RED_LED, BUZZER), pins.on());
        at(149);
        assertEquals(Set.of(RED_LED, BUZZER), pins.on());
        at(1);   // 150
        assertEquals(Set.of(RED_LED), pins.on());
        at(100); // 250
        assertEquals(Set.of(RED_LED, BUZZER), pins.on());
        at(150); // 400
        assertEquals(Set.of(RED_LED), pins.on());
        at(599); // 999
        assertEquals(Set.of(RED_LED), pins.on());
        at(1);
        assertEquals(Set.of(), pins.on());
    }

    @Test
    void degraded_isGreenWithTheRedFlashingTwice() {
        player.play(SignalPatterns.DEGRADED);
        at(0);
        assertEquals(Set.of(GREEN_LED, BUZZER), pins.on());
        at(100);
        assertEquals(Set.of(GREEN_LED, RED_LED), pins.on());
        at(150);
        assertEquals(Set.of(GREEN_LED), pins.on());
        at(150);
        assertEquals(Set.of(GREEN_LED, RED_LED), pins.on());
        at(150);
        assertEquals(Set.of(GREEN_LED), pins.on());
        at(449);
        assertEquals(Set.of(GREEN_LED), pins.on());
        at(1);
        assertEquals(Set.of(), pins.on());
    }

    @Test
    void aNewPatternReplacesTheOnePlaying_andTheOldOnesStepsNeverFire() {
        player.play(SignalPatterns.GRANTED);
        at(50);
        assertTrue(player.play(SignalPatterns.DENIED));
        at(0);   // DENIED starts at 50 ms
        assertEquals(Set.of(RED_LED, BUZZER), pins.on());
        int writes = pins.writes.size();
        at(50);  // 100 ms: GRANTED's second step would have been due here
        assertEquals(Set.of(RED_LED, BUZZER), pins.on());
        assertEquals(writes, pins.writes.size());
        at(100); // 200 ms = DENIED + 150
        assertEquals(Set.of(RED_LED), pins.on());
        at(850); // 1050 ms = DENIED + 1000: over
        assertEquals(Set.of(), pins.on());
        assertEquals(0, time.pending());
    }

    @Test
    void theFireCadenceIsTemporalThree_andLoops_withGreenHeldOn() {
        player.hold(SignalPatterns.FIRE);
        long[] buzzerOnAt = {0, 1000, 2000, 4000, 5000, 6000, 8000};
        long[] buzzerOffAt = {500, 1500, 2500, 3999, 4500, 5500, 6500, 7999};
        List<Long> checks = new ArrayList<>();
        for (long t : buzzerOnAt) {
            checks.add(t);
        }
        for (long t : buzzerOffAt) {
            checks.add(t);
        }
        checks.sort(null);
        long now = 0;
        for (long t : checks) {
            at(t - now);
            now = t;
            boolean expected = java.util.Arrays.stream(buzzerOnAt).anyMatch(x -> x == t);
            assertEquals(expected, pins.level.get(BUZZER), "buzzer at " + t + " ms");
            assertTrue(pins.level.get(GREEN_LED), "green at " + t + " ms");
            assertFalse(pins.level.get(RED_LED), "red at " + t + " ms");
        }
        assertEquals(SignalPatterns.FIRE, player.playing());
    }

    @Test
    void theFireAlarmWins_noDecisionPlaysOverIt_untilItClears() {
        player.hold(SignalPatterns.FIRE);
        assertFalse(player.play(SignalPatterns.DENIED));
        assertFalse(player.play(SignalPatterns.GRANTED));
        player.hold(SignalPatterns.FIRE); // the gate says fire again after each input: the cadence goes on
        at(10);
        assertEquals(Set.of(GREEN_LED, BUZZER), pins.on());
        assertEquals(SignalPatterns.FIRE, player.playing());

        player.hold(SignalPatterns.DARK); // cleared
        assertEquals(Set.of(), pins.on());
        assertEquals(0, time.pending());
        assertTrue(player.play(SignalPatterns.DENIED));
        assertEquals(Set.of(RED_LED, BUZZER), pins.on());
    }

    @Test
    void aGrantDuringTheAlarm_showsGranted_thenTheAlarmResumes() {
        player.hold(SignalPatterns.ALARM);
        assertEquals(Set.of(RED_LED, BUZZER), pins.on());
        at(250);
        assertEquals(Set.of(), pins.on());
        at(10_000); // 10.25 s: still looping, on an "off" step (every 500 ms)
        assertEquals(Set.of(), pins.on());

        assertTrue(player.play(SignalPatterns.GRANTED));
        assertEquals(Set.of(GREEN_LED, BUZZER), pins.on());
        at(250); // the alarm's next step would have been due: the grant is showing
        assertEquals(Set.of(GREEN_LED), pins.on());
        player.hold(SignalPatterns.ALARM); // the gate says the same standing state again: nothing changes
        assertEquals(Set.of(GREEN_LED), pins.on());
        at(749); // 999 ms into the grant
        assertEquals(Set.of(GREEN_LED), pins.on());
        at(1); // the grant ends: the alarm starts again from its first step
        assertEquals(Set.of(RED_LED, BUZZER), pins.on());
        assertEquals(SignalPatterns.ALARM, player.playing());
        at(250);
        assertEquals(Set.of(), pins.on());
    }

    @Test
    void anAlarmRaisedDuringADecision_soundsAtOnce() {
        player.play(SignalPatterns.GRANTED);
        at(500);
        player.hold(SignalPatterns.ALARM);
        assertEquals(Set.of(RED_LED, BUZZER), pins.on());
        at(500); // the grant's end would have been due: nothing resumes it
        assertEquals(Set.of(RED_LED, BUZZER), pins.on());
        assertEquals(SignalPatterns.ALARM, player.playing());
    }

    @Test
    void theAlarmEnds_whenTheStandingStateGoesDark() {
        player.hold(SignalPatterns.ALARM);
        at(100);
        player.hold(SignalPatterns.DARK);
        assertEquals(Set.of(), pins.on());
        at(1000);
        assertEquals(Set.of(), pins.on());
        assertEquals(0, time.pending());
    }

    @Test
    void aSteadyStandingState_waitsForTheDecision_thenHoldsWithoutATimer() {
        player.play(SignalPatterns.DENIED);
        player.hold(SignalPatterns.REFUSING);
        assertEquals(Set.of(RED_LED, BUZZER), pins.on(), "the decision's first step, not the steady red");
        at(1000); // DENIED over: red steady for the rest of the deny time
        assertEquals(Set.of(RED_LED), pins.on());
        assertEquals(0, time.pending());
        player.hold(SignalPatterns.DARK);
        assertEquals(Set.of(), pins.on());
    }

    @Test
    void aDecisionThatEndsWhileReleased_leavesGreenOn_andTheLockDecidesWhenItGoesOut() {
        player.play(SignalPatterns.GRANTED);
        player.hold(SignalPatterns.RELEASED);
        at(1000);
        assertEquals(Set.of(GREEN_LED), pins.on());
        player.hold(SignalPatterns.DARK);
        assertEquals(Set.of(), pins.on());
    }

    @Test
    void aSchedulerThatRefuses_leavesEveryOutputOff() {
        SignalPlayer refused = new SignalPlayer(new io.limen.agent.time.Scheduler() {
            @Override
            public long nanoTime() {
                return 0;
            }

            @Override
            public Cancellable schedule(Runnable task, Duration delay) {
                throw new java.util.concurrent.RejectedExecutionException("scheduler shut down");
            }
        }, pins);
        refused.hold(SignalPatterns.ALARM);
        assertEquals(Set.of(), pins.on(), "no buzzer left sounding without a timer to stop it");
    }

    @Test
    void afterClose_noStepRuns_andNothingIsWritten() {
        player.hold(SignalPatterns.ALARM);
        player.close();
        int writes = pins.writes.size();
        at(5000);
        assertFalse(player.play(SignalPatterns.GRANTED));
        player.hold(SignalPatterns.FIRE);
        player.silence();
        assertEquals(writes, pins.writes.size());
    }

    @Test
    void silence_stopsEverythingNow() {
        player.hold(SignalPatterns.FIRE);
        player.silence();
        assertEquals(Set.of(), pins.on());
        assertEquals(SignalPatterns.DARK, player.playing());
        at(5000);
        assertEquals(Set.of(), pins.on());
    }

    @Test
    void aFiniteRepeatPlaysThatManyPasses() {
        SignalPattern twice = new SignalPattern("twice", 1, List.of(Step.of(10, BUZZER), Step.of(20)), 2);
        player.play(twice);
        List<Boolean> buzzer = new ArrayList<>();
        for (long t = 0; t <= 70; t += 10) {
            at(t == 0 ? 0 : 10);
            buzzer.add(pins.level.get(BUZZER));
        }
        assertEquals(List.of(true, false, false, true, false, false, false, false), buzzer);
        assertEquals(SignalPatterns.DARK, player.playing());
    }

    @Test
    void aBrokenOutputDoesNotStopTheOthersOrThePattern() {
        Recorder good = new Recorder();
        SignalPlayer p = new SignalPlayer(time, (output, on) -> {
            if (output == BUZZER) {
                throw new IllegalStateException("buzzer shorted");
            }
            good.set(output, on);
        });
        p.play(SignalPatterns.GRANTED);
        at(0);
        assertEquals(Set.of(GREEN_LED), good.on());
        at(1000);
        assertEquals(Set.of(), good.on());
    }

    @Test
    void badPatterns_areRefusedWithAClearReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SignalPattern("x", 1, List.of(), 1))
                .getMessage().contains("at least one step"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Step.of(0, BUZZER)).getMessage().contains("longer than zero"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SignalPattern("x", 1, List.of(Step.of(1)), -1))
                .getMessage().contains("repeat"));
        assertEquals("a decision pattern must end, but alarm repeats forever",
                assertThrows(IllegalArgumentException.class, () -> player.play(SignalPatterns.ALARM)).getMessage());
        assertEquals("a standing pattern must not end, but granted repeats 1 times",
                assertThrows(IllegalArgumentException.class, () -> player.hold(SignalPatterns.GRANTED)).getMessage());
    }

    @Test
    void outcomesMapToTheirPatterns() {
        Decision denied = new Decision.Denied(Reason.REVOKED, Optional.empty(), "revoked");
        assertEquals(SignalPatterns.DENIED, SignalPatterns.forDecision(denied));
        // standing(fire, alarm, green, red)
        assertEquals(SignalPatterns.FIRE, SignalPatterns.standing(true, false, true, false));
        assertEquals(SignalPatterns.ALARM, SignalPatterns.standing(false, true, false, true));
        assertEquals(SignalPatterns.ALARM, SignalPatterns.standing(false, true, true, true));
        assertEquals(SignalPatterns.RELEASED, SignalPatterns.standing(false, false, true, false));
        assertEquals(SignalPatterns.REFUSING, SignalPatterns.standing(false, false, false, true));
        assertEquals(SignalPatterns.RELEASED_REFUSING, SignalPatterns.standing(false, false, true, true));
        assertEquals(SignalPatterns.DARK, SignalPatterns.standing(false, false, false, false));
        assertTrue(SignalPatterns.FIRE.priority() > SignalPatterns.ALARM.priority());
        assertEquals(SignalPatterns.ALARM.priority(), SignalPatterns.GRANTED.priority(), "a grant plays over the alarm, an alarm cuts a grant");
        assertTrue(SignalPatterns.GRANTED.priority() > SignalPatterns.RELEASED.priority());
        assertEquals(Duration.ofMillis(4000), SignalPatterns.FIRE.cycle());
    }
}
