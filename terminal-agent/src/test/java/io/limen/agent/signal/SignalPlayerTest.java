package io.limen.agent.signal;

import io.limen.agent.gate.GateEvent;
import io.limen.agent.gate.PinRole;
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

import static io.limen.agent.gate.PinRole.BUZZER;
import static io.limen.agent.gate.PinRole.GREEN_LED;
import static io.limen.agent.gate.PinRole.RED_LED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The player on a stepped clock: output levels asserted on each side of every step boundary. */
class SignalPlayerTest {

    private final ManualScheduler time = new ManualScheduler();
    private final Recorder pins = new Recorder();
    private final SignalPlayer player = new SignalPlayer(time, pins);

    /** Remembers each output's last level and every write. */
    static final class Recorder implements SignalOutputs {
        final Map<PinRole, Boolean> level = new EnumMap<>(PinRole.class);
        final List<String> writes = new ArrayList<>();

        @Override
        public void set(PinRole output, boolean on) {
            level.put(output, on);
            writes.add(output + "=" + on);
        }

        Set<PinRole> on() {
            Set<PinRole> on = new java.util.HashSet<>();
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
    void play_writesNothingOnTheCallersThread_onlySchedulesTheFirstStep() {
        assertTrue(player.play(SignalPatterns.GRANTED));
        assertTrue(pins.writes.isEmpty());
        assertEquals(1, time.pending());
        at(0);
        assertEquals(Set.of(GREEN_LED, BUZZER), pins.on());
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
        assertEquals(Optional.empty(), player.playing());
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
        player.onGateEvent(GateEvent.Kind.FIRE_ALARM);
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
        assertEquals(Optional.of(SignalPatterns.FIRE), player.playing());
    }

    @Test
    void theFireAlarmWins_untilItClears() {
        player.onGateEvent(GateEvent.Kind.FIRE_ALARM);
        at(0);
        assertFalse(player.play(SignalPatterns.DENIED));
        assertFalse(player.play(SignalPatterns.GRANTED));
        player.onGateEvent(GateEvent.Kind.FORCED);
        assertFalse(player.stop(SignalPatterns.DENIED));
        at(10);
        assertEquals(Set.of(GREEN_LED, BUZZER), pins.on());
        assertEquals(Optional.of(SignalPatterns.FIRE), player.playing());

        player.onGateEvent(GateEvent.Kind.FIRE_CLEARED);
        at(0);
        assertEquals(Set.of(), pins.on());
        assertEquals(Optional.empty(), player.playing());
        assertEquals(0, time.pending());
        assertTrue(player.play(SignalPatterns.DENIED));
        at(0);
        assertEquals(Set.of(RED_LED, BUZZER), pins.on());
    }

    @Test
    void theAlarmLoopsUntilStopped_andADecisionCannotCutItShort_butFireCan() {
        player.onGateEvent(GateEvent.Kind.HELD_OPEN);
        at(0);
        assertEquals(Set.of(RED_LED, BUZZER), pins.on());
        at(250);
        assertEquals(Set.of(), pins.on());
        at(250);
        assertEquals(Set.of(RED_LED, BUZZER), pins.on());
        at(10_000); // 10.5 s: still looping, on an "on" step again (every 500 ms)
        assertEquals(Set.of(RED_LED, BUZZER), pins.on());
        assertFalse(player.play(SignalPatterns.GRANTED));
        assertTrue(player.play(SignalPatterns.FIRE));
        at(0);
        assertEquals(Set.of(GREEN_LED, BUZZER), pins.on());
        assertFalse(player.stop(SignalPatterns.ALARM), "the alarm was replaced; stopping it must not silence the fire alarm");
        at(0);
        assertEquals(Set.of(GREEN_LED, BUZZER), pins.on());
    }

    @Test
    void stop_endsTheAlarm_allOff() {
        player.play(SignalPatterns.ALARM);
        at(100);
        assertTrue(player.stop(SignalPatterns.ALARM));
        at(0);
        assertEquals(Set.of(), pins.on());
        at(1000);
        assertEquals(Set.of(), pins.on());
        assertEquals(0, time.pending());
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
        assertEquals(Optional.empty(), player.playing());
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
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Step.of(10, PinRole.RELAY)).getMessage().contains("only the LEDs"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SignalPattern("x", 1, List.of(Step.of(1)), -1))
                .getMessage().contains("repeat"));
    }

    @Test
    void outcomesMapToTheirPatterns() {
        Decision denied = new Decision.Denied(Reason.REVOKED, Optional.empty(), "revoked");
        assertEquals(SignalPatterns.DENIED, SignalPatterns.forDecision(denied, false));
        assertEquals(SignalPatterns.DENIED, SignalPatterns.forDecision(denied, true));
        assertEquals(Optional.of(SignalPatterns.ALARM), SignalPatterns.forGateEvent(GateEvent.Kind.FORCED));
        assertEquals(Optional.of(SignalPatterns.ALARM), SignalPatterns.forGateEvent(GateEvent.Kind.HELD_OPEN));
        assertEquals(Optional.of(SignalPatterns.FIRE), SignalPatterns.forGateEvent(GateEvent.Kind.FIRE_ALARM));
        assertEquals(Optional.empty(), SignalPatterns.forGateEvent(GateEvent.Kind.PASSED));
        assertTrue(SignalPatterns.FIRE.priority() > SignalPatterns.ALARM.priority());
        assertTrue(SignalPatterns.ALARM.priority() > SignalPatterns.GRANTED.priority());
        assertEquals(Duration.ofMillis(4000), SignalPatterns.FIRE.cycle());
    }
}
