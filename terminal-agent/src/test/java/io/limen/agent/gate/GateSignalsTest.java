package io.limen.agent.gate;

import static io.limen.agent.gate.PinRole.BUZZER;
import static io.limen.agent.gate.PinRole.GREEN_LED;
import static io.limen.agent.gate.PinRole.RED_LED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.Digital;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import io.limen.agent.signal.SignalPatterns;
import io.limen.agent.time.ManualScheduler;
import io.limen.config.BoardProfile;
import io.limen.config.BoardProfiles;
import io.limen.config.Direction;
import io.limen.config.GateConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gate's LEDs and buzzer as its signal player drives them through the real {@link GpioPort} on Pi4J
 * mock pins, on a hand-stepped clock: every assertion reads the pins' own levels, at each side of a
 * step boundary.
 */
class GateSignalsTest {

    private static final GateConfig CONFIG = GateConfig.DEFAULTS;
    private static final Duration PULSE = CONFIG.grantPulse(); // 800 ms

    private final Context context = GpioContexts.simulated();
    private final ManualScheduler time = new ManualScheduler();
    private final List<GateEvent.Kind> events = new ArrayList<>();
    private Map<PinRole, Digital<?, ?, ?>> pins;

    @AfterEach
    void shutDown() {
        context.shutdown();
    }

    private Gate gate(BoardProfile board) {
        Gate gate = new Gate(context, board, time, CONFIG, e -> events.add(e.kind()));
        pins = gate.pins();
        // Sensors and buttons idle (their pull-ups), as wired; the fire loop and the door closed (LOW).
        for (String id : List.of("passage-entry", "passage-exit", "exit-button")) {
            if (context.registry().exists(id)) {
                input(id).mockState(DigitalState.HIGH);
            }
        }
        time.advance(Duration.ofMillis(100));
        events.clear();
        return gate;
    }

    private MockDigitalInput input(String id) {
        return (MockDigitalInput) context.io(id, DigitalInput.class);
    }

    /** The LEDs and buzzer that are HIGH now. */
    private Set<PinRole> lit() {
        Set<PinRole> on = EnumSet.noneOf(PinRole.class);
        for (PinRole role : List.of(GREEN_LED, RED_LED, BUZZER)) {
            Digital<?, ?, ?> pin = pins.get(role);
            if (pin != null && pin.state() == DigitalState.HIGH) {
                on.add(role);
            }
        }
        return on;
    }

    private boolean relayHigh() {
        return pins.get(PinRole.RELAY).state() == DigitalState.HIGH;
    }

    private void at(long millis) {
        time.advance(Duration.ofMillis(millis));
    }

    /** One turn of the arm: the sensor LOW for 20 ms (past its 5 ms debounce), then idle again. */
    private void turn(String sensor) {
        input(sensor).mockState(DigitalState.LOW);
        at(20);
        input(sensor).mockState(DigitalState.HIGH);
        at(20);
    }

    @Test
    void atStart_everyOutputIsOff_andTheGateShowsNothing() {
        Gate gate = gate(BoardProfiles.TRIPOD_TURNSTILE);
        assertEquals(Set.of(), lit());
        assertEquals(false, relayHigh());
        assertEquals(SignalPatterns.DARK, gate.signal());
    }

    @Test
    void grant_beepsAndLightsGreenWithTheRelay_greenStaysWhileReleased_thenAllOff() {
        Gate gate = gate(BoardProfiles.TRIPOD_TURNSTILE);
        gate.grant(Duration.ofSeconds(3), Direction.ENTRY, Optional.empty());
        assertEquals(Set.of(GREEN_LED, BUZZER), lit(), "at once, on the granting thread");
        assertTrue(relayHigh());
        at(99);
        assertEquals(Set.of(GREEN_LED, BUZZER), lit());
        at(1);
        assertEquals(Set.of(GREEN_LED), lit());
        at(900); // the granted pattern is over; the lock is still released: green steady
        assertEquals(Set.of(GREEN_LED), lit());
        assertEquals(SignalPatterns.RELEASED, gate.signal());
        at(1999);
        assertEquals(Set.of(GREEN_LED), lit());
        at(1); // 3 s: the pulse ends, the lock and the green LED together
        assertEquals(Set.of(), lit());
        assertEquals(false, relayHigh());
    }

    @Test
    void aShortPulse_stillShowsTheWholeGrantedPattern() {
        Gate gate = gate(BoardProfiles.TRIPOD_TURNSTILE);
        gate.grant(PULSE, Direction.ENTRY, Optional.empty());
        at(800);
        assertEquals(false, relayHigh());
        assertEquals(Set.of(GREEN_LED), lit());
        at(200);
        assertEquals(Set.of(), lit());
    }

    @Test
    void degradedGrant_flashesRedBesideTheGreen() {
        Gate gate = gate(BoardProfiles.TRIPOD_TURNSTILE);
        gate.grant(PULSE, Direction.ENTRY, Optional.empty(), true);
        assertEquals(SignalPatterns.DEGRADED, gate.signal());
        assertEquals(Set.of(GREEN_LED, BUZZER), lit());
        at(100);
        assertEquals(Set.of(GREEN_LED, RED_LED), lit());
        at(150);
        assertEquals(Set.of(GREEN_LED), lit());
        at(150);
        assertEquals(Set.of(GREEN_LED, RED_LED), lit());
        at(150);
        assertEquals(Set.of(GREEN_LED), lit());
        at(450); // 1 s
        assertEquals(Set.of(), lit());
    }

    @Test
    void deny_beepsTwice_thenRedSteadyForTheDenyTime() {
        Gate gate = gate(BoardProfiles.TRIPOD_TURNSTILE);
        gate.deny(CONFIG.denyShow()); // 1500 ms
        assertEquals(Set.of(RED_LED, BUZZER), lit());
        at(150);
        assertEquals(Set.of(RED_LED), lit());
        at(100);
        assertEquals(Set.of(RED_LED, BUZZER), lit());
        at(150);
        assertEquals(Set.of(RED_LED), lit());
        at(600); // the pattern is over at 1 s: red stays for the deny time
        assertEquals(Set.of(RED_LED), lit());
        assertEquals(SignalPatterns.REFUSING, gate.signal());
        at(499);
        assertEquals(Set.of(RED_LED), lit());
        at(1);
        assertEquals(Set.of(), lit());
        assertEquals(false, relayHigh());
    }

    @Test
    void forcedTurn_soundsTheAlarm_untilItsTime_thenStops() {
        Gate gate = gate(BoardProfiles.TRIPOD_TURNSTILE);
        input("passage-entry").mockState(DigitalState.LOW);
        at(5); // the sensor's debounce: the turn is seen now
        assertEquals(List.of(GateEvent.Kind.FORCED), events);
        assertEquals(Set.of(RED_LED, BUZZER), lit());
        input("passage-entry").mockState(DigitalState.HIGH);
        at(250);
        assertEquals(Set.of(), lit());
        at(250);
        assertEquals(Set.of(RED_LED, BUZZER), lit());
        at(4000); // 4.5 s: still alternating
        assertEquals(Set.of(RED_LED, BUZZER), lit());
        at(500); // 5 s = gate.alarmHoldMs: over
        assertEquals(Set.of(), lit());
        assertEquals(SignalPatterns.DARK, gate.signal());
        at(250); // an "on" step would have been due here
        assertEquals(Set.of(), lit());
        assertEquals(0, time.pending());
    }

    @Test
    void aGrantDuringTheAlarm_showsGranted_thenTheAlarmGoesOn() {
        Gate gate = gate(BoardProfiles.TRIPOD_TURNSTILE);
        turn("passage-entry"); // forced (5 ms into the turn): the alarm for 5 s
        at(965); // 1 s after the forced turn
        gate.grant(PULSE, Direction.ENTRY, Optional.empty());
        assertEquals(Set.of(GREEN_LED, BUZZER), lit());
        assertTrue(relayHigh());
        at(100);
        assertEquals(Set.of(GREEN_LED), lit());
        at(899);
        assertEquals(Set.of(GREEN_LED), lit());
        at(1); // the grant shown: the alarm, still within its time, starts again
        assertEquals(Set.of(RED_LED, BUZZER), lit());
        assertEquals(SignalPatterns.ALARM, gate.signal());
        at(2999);
        assertEquals(SignalPatterns.ALARM, gate.signal());
        at(1); // 5 s after the forced turn: over
        assertEquals(SignalPatterns.DARK, gate.signal());
        assertEquals(Set.of(), lit());
    }

    @Test
    void doorHeldOpen_alarmsUntilTheDoorCloses() {
        Gate gate = gate(BoardProfiles.MAGLOCK_DOOR);
        gate.grant(PULSE, Direction.ENTRY, Optional.empty());
        input("door-contact").mockState(DigitalState.HIGH); // the door opens
        at(50);
        assertEquals(List.of(GateEvent.Kind.PASSED), events);
        at(CONFIG.heldOpen().toMillis() - 1);
        assertEquals(Set.of(), lit());
        at(1);
        assertEquals(List.of(GateEvent.Kind.PASSED, GateEvent.Kind.HELD_OPEN), events);
        assertEquals(Set.of(RED_LED, BUZZER), lit());
        at(60_000); // a minute on: still alarming (an "on" step every 500 ms)
        assertEquals(Set.of(RED_LED, BUZZER), lit());
        input("door-contact").mockState(DigitalState.LOW); // closed
        at(50);
        assertEquals(Set.of(), lit());
        at(10_000);
        assertEquals(Set.of(), lit());
        assertEquals(SignalPatterns.DARK, gate.signal());
    }

    @Test
    void fireAlarm_greenAndTheEvacuationCadence_whileTheInputIsActive_grantsAndDenialsChangeNothing() {
        Gate gate = gate(BoardProfiles.TRIPOD_TURNSTILE);
        input("fire-alarm").mockState(DigitalState.HIGH);
        at(CONFIG.fireAlarmDebounce().toMillis());
        assertEquals(Set.of(GREEN_LED, BUZZER), lit());
        assertTrue(relayHigh());
        at(500);
        assertEquals(Set.of(GREEN_LED), lit());
        gate.grant(PULSE, Direction.ENTRY, Optional.empty());
        gate.deny(CONFIG.denyShow());
        assertEquals(Set.of(GREEN_LED), lit());
        assertEquals(SignalPatterns.FIRE, gate.signal());
        at(500);
        assertEquals(Set.of(GREEN_LED, BUZZER), lit());
        at(60_000); // a minute on, at the start of a 4 s cycle again
        assertEquals(Set.of(GREEN_LED, BUZZER), lit());
        input("fire-alarm").mockState(DigitalState.LOW);
        at(CONFIG.fireAlarmDebounce().toMillis());
        assertEquals(Set.of(), lit());
        assertEquals(false, relayHigh());
        at(5000);
        assertEquals(Set.of(), lit());
    }

    @Test
    void close_turnsEveryOutputOff_andNoStepRunsAfter() {
        Gate gate = gate(BoardProfiles.TRIPOD_TURNSTILE);
        turn("passage-entry");
        assertEquals(Set.of(RED_LED, BUZZER), lit()); // 35 ms into the alarm's first step
        PinActivity activity = PinActivity.watch(gate, time::nanoTime);
        gate.close();
        assertEquals(Set.of(), lit());
        assertEquals(false, relayHigh());
        activity.clear();
        at(10_000);
        assertEquals(List.of(), activity.events(), "nothing written after close");
        activity.close();
    }

    @Test
    void aBoardWithoutABuzzer_stillSignals() {
        Gate gate = gate(BoardProfiles.LIMEN_HAT_V1);
        gate.grant(PULSE, Direction.ENTRY, Optional.empty());
        assertEquals(Set.of(GREEN_LED), lit());
        at(1000);
        assertEquals(Set.of(), lit());
        gate.deny(CONFIG.denyShow());
        assertEquals(Set.of(RED_LED), lit());
    }
}
