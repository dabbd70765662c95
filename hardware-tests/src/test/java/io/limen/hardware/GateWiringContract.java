package io.limen.hardware;

import static io.limen.config.Direction.ENTRY;
import static io.limen.config.Direction.EXIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.agent.gate.Gate;
import io.limen.agent.gate.GateEvent;
import io.limen.config.BoardInput;
import io.limen.config.BoardProfile;
import io.limen.config.BoardProfiles;
import io.limen.config.GateConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gate on a tripod turnstile, as the harness sees it: outputs read back through loop-back inputs,
 * inputs driven by harness outputs, and a {@link Turnstile} whose arm turns only when the relay really
 * released it. The same tests run on simulated wiring ({@link SimulatedGateWiringTest}, every build) and
 * on the jig ({@link JigGateWiringTest}, tag {@code hardware}).
 */
abstract class GateWiringContract {

    static final BoardProfile BOARD = BoardProfiles.TRIPOD_TURNSTILE;
    static final Duration PULSE = GateConfig.DEFAULTS.grantPulse();
    /** Longer than any input's debounce on the board. */
    static final Duration DEBOUNCE = Duration.ofMillis(30);

    Rig rig;
    Gate gate;
    Turnstile turnstile;
    final List<GateEvent.Kind> events = new CopyOnWriteArrayList<>();

    /** The harness for {@link #BOARD}, inputs at rest; the gate is built after it. */
    abstract Rig rig();

    /** Called once the gate holds its pins (the simulation plugs its sense inputs onto them here). */
    void gateBuilt() {
    }

    @BeforeEach
    void build() {
        rig = rig();
        gate = new Gate(rig.context(), BOARD, rig.scheduler(), GateConfig.DEFAULTS, e -> events.add(e.kind()));
        gateBuilt();
        turnstile = new Turnstile(rig);
    }

    @AfterEach
    void tearDown() {
        gate.close();
        rig.close();
    }

    private void assertOutputs(boolean relayEnergised, boolean green, boolean red, boolean buzzer) {
        assertEquals(List.of(relayEnergised == BOARD.relayActiveHigh(), green, red, buzzer),
                List.of(rig.sensedHigh(BOARD.relayPin()), rig.sensedHigh(BOARD.greenLedPin()), rig.sensedHigh(BOARD.redLedPin()),
                        rig.sensedHigh(BOARD.buzzerPin().getAsInt())), "relay, green, red, buzzer levels");
    }

    @Test
    void atStart_everyOutputIsSafe_andTheArmIsLocked() {
        assertOutputs(false, false, false, false);
        assertFalse(turnstile.push(ENTRY));
        assertEquals(List.of(), events);
    }

    @Test
    void grant_releasesTheArm_theTurnIsSeen_andTheArmLocksAgain() {
        gate.grant(PULSE, ENTRY, Optional.empty());
        assertOutputs(true, true, false, true); // the granted pattern: green with a 100 ms beep

        assertTrue(turnstile.push(ENTRY), "the relay released the arm");

        assertEquals(List.of(GateEvent.Kind.PASSED), events);
        assertOutputs(false, true, false, false); // locked at the turn; green to the pattern's end (1 s)
        rig.settle(Duration.ofMillis(700));
        assertOutputs(false, false, false, false);
        assertFalse(turnstile.push(ENTRY), "one grant, one turn");
    }

    @Test
    void deny_beepsWithRed_thenRedForTheDenyTime_thenOff() {
        gate.deny(GateConfig.DEFAULTS.denyShow());
        assertOutputs(false, false, true, true);
        rig.settle(Duration.ofMillis(1200)); // the denied pattern is over; red stays to 1.5 s
        assertOutputs(false, false, true, false);
        rig.settle(Duration.ofMillis(400));
        assertOutputs(false, false, false, false);
    }

    @Test
    void grantNobodyUses_isNotPassed_atTheTimeout() {
        gate.grant(PULSE, ENTRY, Optional.empty());
        rig.settle(GateConfig.DEFAULTS.passageTimeout().minusMillis(1));
        assertEquals(List.of(), events);
        rig.settle(Duration.ofMillis(1));
        assertEquals(List.of(GateEvent.Kind.NOT_PASSED), events);
        assertOutputs(false, false, false, false);
    }

    @Test
    void forcedTurn_isForced_andSoundsTheBuzzerForTheAlarmTime() {
        turnstile.force(ENTRY);

        assertEquals(List.of(GateEvent.Kind.FORCED), events);
        // The turn was seen 5 ms into it, 395 ms ago: the alarm alternates red and buzzer every 250 ms.
        rig.settle(Duration.ofMillis(230)); // 625 ms: an "on" step
        assertOutputs(false, false, true, true);
        rig.settle(Duration.ofMillis(250)); // 875 ms: an "off" step
        assertOutputs(false, false, false, false);
        rig.settle(GateConfig.DEFAULTS.alarmHold().minusMillis(1250)); // 4.625 s: on again, still sounding
        assertOutputs(false, false, true, true);
        rig.settle(Duration.ofMillis(500)); // 5.125 s: past the alarm's time, off for good
        assertOutputs(false, false, false, false);
        rig.settle(Duration.ofMillis(500));
        assertOutputs(false, false, false, false);
    }

    @Test
    void exitButton_releasesTheArmForOneTurnOut() {
        rig.drive(BoardInput.EXIT_BUTTON, true);
        rig.settle(DEBOUNCE);
        rig.drive(BoardInput.EXIT_BUTTON, false);
        rig.settle(DEBOUNCE);

        assertTrue(turnstile.push(EXIT));
        assertEquals(List.of(GateEvent.Kind.EXIT_REQUEST, GateEvent.Kind.PASSED), events);
    }

    @Test
    void exitButtonBounceShorterThanItsDebounce_isIgnored() {
        Duration debounce = BOARD.input(BoardInput.EXIT_BUTTON).orElseThrow().debounce();
        rig.drive(BoardInput.EXIT_BUTTON, true);
        rig.settle(debounce.minusMillis(5));
        rig.drive(BoardInput.EXIT_BUTTON, false);
        rig.settle(DEBOUNCE);

        assertEquals(List.of(), events);
        assertOutputs(false, false, false, false);
    }

    @Test
    void fireAlarm_freesTheArmUntilItClears_andTurnsAreNotAccounted() {
        rig.drive(BoardInput.FIRE_ALARM, true);
        rig.settle(DEBOUNCE);
        assertOutputs(true, true, false, true); // green and the first evacuation tone (0.5 s)
        rig.settle(Duration.ofMillis(500));
        assertOutputs(true, true, false, false);
        assertTrue(turnstile.push(ENTRY));
        assertTrue(turnstile.push(EXIT));

        rig.drive(BoardInput.FIRE_ALARM, false);
        rig.settle(DEBOUNCE);

        assertOutputs(false, false, false, false);
        assertEquals(List.of(GateEvent.Kind.FIRE_ALARM, GateEvent.Kind.FIRE_CLEARED), events);
    }
}
