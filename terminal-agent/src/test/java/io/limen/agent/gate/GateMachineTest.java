package io.limen.agent.gate;

import static io.limen.agent.gate.GateEvent.Kind.EXIT_REQUEST;
import static io.limen.agent.gate.GateEvent.Kind.FIRE_ALARM;
import static io.limen.agent.gate.GateEvent.Kind.FIRE_CLEARED;
import static io.limen.agent.gate.GateEvent.Kind.FORCED;
import static io.limen.agent.gate.GateEvent.Kind.HELD_OPEN;
import static io.limen.agent.gate.GateEvent.Kind.NOT_PASSED;
import static io.limen.agent.gate.GateEvent.Kind.PASSED;
import static io.limen.config.Direction.ENTRY;
import static io.limen.config.Direction.EXIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.agent.gate.GateMachine.Outputs;
import io.limen.agent.gate.GateMachine.Settings;
import io.limen.agent.gate.GateMachine.State;
import io.limen.config.RelayMode;
import io.limen.format.credential.Claims;
import io.limen.format.cose.CoseAlgorithm;
import io.limen.format.credential.Credential;
import io.limen.format.credential.CredentialId;
import io.limen.format.cose.KeyId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The gate controller alone: time is a number the test passes in (milliseconds here, nanoseconds to
 * the machine), so every timeout is checked at its boundary, one nanosecond either side.
 */
class GateMachineTest {

    static final Duration PULSE = Duration.ofMillis(800);
    static final Duration DENY = Duration.ofMillis(1500);
    static final Duration PASSAGE_TIMEOUT = Duration.ofSeconds(5);
    static final Duration HELD_OPEN_AFTER = Duration.ofSeconds(20);
    static final Duration ALARM_HOLD = Duration.ofSeconds(3);

    static final Settings TURNSTILE = new Settings(RelayMode.PULSE, PASSAGE_TIMEOUT, HELD_OPEN_AFTER, ALARM_HOLD, true, false);
    static final Settings TURNSTILE_LATCH = new Settings(RelayMode.LATCH, PASSAGE_TIMEOUT, HELD_OPEN_AFTER, ALARM_HOLD, true, false);
    static final Settings DOOR = new Settings(RelayMode.PULSE, PASSAGE_TIMEOUT, HELD_OPEN_AFTER, ALARM_HOLD, false, true);
    static final Settings BARE = GateMachine.Settings.PULSE_ONLY;

    static final Credential ADA = credential("0a01");
    static final Credential BOB = credential("0b02");

    static final Outputs LOCKED = new Outputs(false, false, false, false);
    static final Outputs RELEASED = new Outputs(true, true, false, false);
    static final Outputs FREE_BY_FIRE = new Outputs(true, true, false, false);
    static final Outputs ALARM = new Outputs(false, false, true, true);

    static Credential credential(String ctiHex) {
        Claims claims = new Claims("https://acme.example", "staff-" + ctiHex, Instant.EPOCH, Optional.empty(),
                Instant.EPOCH.plusSeconds(3600), CredentialId.fromHex(ctiHex), Optional.empty(), List.of(), Optional.empty());
        return new Credential(claims, new KeyId(new byte[8]), CoseAlgorithm.EDDSA);
    }

    static long ms(long millis) {
        return millis * 1_000_000L;
    }

    static GateEvent event(GateEvent.Kind kind, long atMillis, io.limen.config.Direction direction, Credential credential) {
        return new GateEvent(kind, ms(atMillis), Optional.ofNullable(direction), Optional.ofNullable(credential));
    }

    static GateEvent event(GateEvent.Kind kind, long atMillis) {
        return new GateEvent(kind, ms(atMillis), Optional.empty(), Optional.empty());
    }

    static GateMachine started(Settings settings) {
        GateMachine m = new GateMachine(settings);
        m.start(0, false, false);
        return m;
    }

    // --- a bare relay: today's pulse ------------------------------------------------------------

    @Test
    void bareRelay_grantReleasesForThePulseThenLocksWithoutAnEvent() {
        GateMachine m = started(BARE);
        GateCommand c = m.grant(ms(1000), PULSE, ENTRY, Optional.of(ADA));

        assertEquals(new GateCommand(GateCommand.Kind.GRANTED, PULSE), c);
        assertEquals(RELEASED, m.outputs());
        assertEquals(ms(1800), m.nextDeadline());
        m.advance(ms(1800) - 1);
        assertEquals(RELEASED, m.outputs());
        m.advance(ms(1800));
        assertEquals(LOCKED, m.outputs());
        assertEquals(State.LOCKED, m.state());
        assertEquals(List.of(), m.drainEvents());
        assertEquals(GateMachine.NONE, m.nextDeadline());
    }

    @Test
    void bareRelay_secondGrantExtendsAndAShorterOneNeverShortens() {
        GateMachine m = started(BARE);
        m.grant(ms(0), PULSE, ENTRY, Optional.of(ADA));
        assertEquals(new GateCommand(GateCommand.Kind.EXTENDED, Duration.ofMillis(800)),
                m.grant(ms(500), PULSE, ENTRY, Optional.of(BOB)));
        assertEquals(new GateCommand(GateCommand.Kind.EXTENDED, Duration.ofMillis(600)),
                m.grant(ms(700), Duration.ofMillis(100), ENTRY, Optional.of(BOB)));
        m.advance(ms(1300) - 1);
        assertEquals(RELEASED, m.outputs());
        m.advance(ms(1300));
        assertEquals(LOCKED, m.outputs());
    }

    @Test
    void denyDuringARelease_lightsRedAndKeepsTheLockReleased() {
        GateMachine m = started(BARE);
        m.grant(ms(0), PULSE, ENTRY, Optional.of(ADA));
        assertEquals(new GateCommand(GateCommand.Kind.DENIED, DENY), m.deny(ms(100), DENY));
        assertEquals(new Outputs(true, true, true, false), m.outputs());
        m.advance(ms(800));
        assertEquals(new Outputs(false, false, true, false), m.outputs());
        m.advance(ms(1600));
        assertEquals(LOCKED, m.outputs());
    }

    // --- passage confirmation: a turnstile with a rotation sensor per direction ------------------

    @Test
    void turnstile_rotationInTheGrantedDirectionIsPassed_andLocksAtOnce() {
        GateMachine m = started(TURNSTILE);
        m.grant(ms(0), PULSE, ENTRY, Optional.of(ADA));
        assertEquals(State.RELEASED, m.state());

        m.passage(ms(400), ENTRY);

        assertEquals(List.of(event(PASSED, 400, ENTRY, ADA)), m.drainEvents());
        assertEquals(LOCKED, m.outputs(), "locked mid-pulse: a second person must not follow on the same grant");
        assertEquals(State.LOCKED, m.state());
        assertEquals(GateMachine.NONE, m.nextDeadline());
    }

    @Test
    void turnstile_noRotationWithinTheTimeout_isNotPassedAtTheBoundary() {
        GateMachine m = started(TURNSTILE);
        m.grant(ms(1000), PULSE, ENTRY, Optional.of(ADA));
        m.advance(ms(1800));
        assertEquals(LOCKED, m.outputs(), "pulse over: the arm is locked again");
        assertEquals(State.RELEASED, m.state(), "but the grant still waits for its rotation");

        m.advance(ms(6000) - 1);
        assertEquals(List.of(), m.drainEvents());
        m.advance(ms(9000));
        assertEquals(List.of(event(NOT_PASSED, 6000, ENTRY, ADA)), m.drainEvents(), "timed at the deadline, not when noticed");
        assertEquals(State.LOCKED, m.state());
    }

    @Test
    void turnstile_rotationAfterThePulseButInTime_stillCountsAsPassed() {
        GateMachine m = started(TURNSTILE);
        m.grant(ms(0), PULSE, ENTRY, Optional.of(ADA));
        m.passage(ms(5000) - 1, ENTRY);
        assertEquals(PASSED, m.drainEvents().get(0).kind());
    }

    @Test
    void turnstile_rotationAtTheTimeoutItself_isTooLate_andForced() {
        GateMachine m = started(TURNSTILE);
        m.grant(ms(0), PULSE, ENTRY, Optional.of(ADA));
        m.passage(ms(5000), ENTRY);
        assertEquals(List.of(event(NOT_PASSED, 5000, ENTRY, ADA), event(FORCED, 5000, ENTRY, null)), m.drainEvents());
    }

    @Test
    void rotationWithNoGrant_isForced_andSoundsTheAlarmForItsHold() {
        GateMachine m = started(TURNSTILE);
        m.passage(ms(100), ENTRY);

        assertEquals(List.of(event(FORCED, 100, ENTRY, null)), m.drainEvents());
        assertEquals(ALARM, m.outputs());
        m.advance(ms(3100) - 1);
        assertEquals(ALARM, m.outputs());
        m.advance(ms(3100));
        assertEquals(LOCKED, m.outputs());
    }

    @Test
    void rotationTheOtherWay_isForced_andTheGrantKeepsWaiting() {
        GateMachine m = started(TURNSTILE);
        m.grant(ms(0), PULSE, ENTRY, Optional.of(ADA));
        m.passage(ms(200), EXIT);
        assertEquals(List.of(event(FORCED, 200, EXIT, null)), m.drainEvents());
        m.passage(ms(300), ENTRY);
        assertEquals(List.of(event(PASSED, 300, ENTRY, ADA)), m.drainEvents());
    }

    @Test
    void twoGrants_twoRotations_eachPassedInOrder_andATailgaterIsForced() {
        GateMachine m = started(TURNSTILE);
        m.grant(ms(0), PULSE, ENTRY, Optional.of(ADA));
        m.grant(ms(100), PULSE, ENTRY, Optional.of(BOB));
        m.passage(ms(500), ENTRY);
        assertEquals(RELEASED, m.outputs(), "Bob's grant keeps the arm free");
        m.passage(ms(700), ENTRY);
        m.passage(ms(750), ENTRY);
        assertEquals(List.of(event(PASSED, 500, ENTRY, ADA), event(PASSED, 700, ENTRY, BOB), event(FORCED, 750, ENTRY, null)),
                m.drainEvents());
    }

    @Test
    void latch_staysReleasedUntilTheRotation() {
        GateMachine m = started(TURNSTILE_LATCH);
        assertEquals(new GateCommand(GateCommand.Kind.GRANTED, PASSAGE_TIMEOUT), m.grant(ms(0), PULSE, ENTRY, Optional.of(ADA)));
        m.advance(ms(4000));
        assertEquals(RELEASED, m.outputs(), "past the pulse length: latch mode does not care");
        m.passage(ms(4500), ENTRY);
        assertEquals(LOCKED, m.outputs());
        assertEquals(List.of(event(PASSED, 4500, ENTRY, ADA)), m.drainEvents());
    }

    @Test
    void latch_withNobodyThrough_locksAtTheTimeout() {
        GateMachine m = started(TURNSTILE_LATCH);
        m.grant(ms(0), PULSE, ENTRY, Optional.of(ADA));
        m.advance(ms(5000) - 1);
        assertEquals(RELEASED, m.outputs());
        m.advance(ms(5000));
        assertEquals(LOCKED, m.outputs());
        assertEquals(List.of(event(NOT_PASSED, 5000, ENTRY, ADA)), m.drainEvents());
    }

    @Test
    void latchWithNothingToEndIt_isRefused() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Settings(RelayMode.LATCH, PASSAGE_TIMEOUT, HELD_OPEN_AFTER, ALARM_HOLD, false, false));
        assertEquals("relay mode latch must have a passage sensor or door contact to end it, but the entrance has neither",
                e.getMessage());
    }

    @Test
    void nonPositiveTimes_areRefusedWithTheirValue() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Settings(RelayMode.PULSE, Duration.ZERO, HELD_OPEN_AFTER, ALARM_HOLD, true, false));
        assertEquals("passageTimeout must be positive, but was 0 ms", e.getMessage());
        GateMachine m = started(BARE);
        e = assertThrows(IllegalArgumentException.class, () -> m.grant(0, Duration.ofMillis(-5), ENTRY, Optional.empty()));
        assertEquals("pulse must be positive, but was -5 ms", e.getMessage());
    }

    // --- a door with a contact ------------------------------------------------------------------

    @Test
    void door_openingOnAGrantIsPassed_andClosingLocks() {
        GateMachine m = started(DOOR);
        m.grant(ms(0), PULSE, ENTRY, Optional.of(ADA));
        m.door(ms(300), true);
        assertEquals(State.DOOR_OPEN, m.state());
        assertEquals(LOCKED, m.outputs(), "the lock re-engages while the door is open, ready for when it closes");
        m.door(ms(3000), false);
        assertEquals(State.LOCKED, m.state());
        assertEquals(List.of(event(PASSED, 300, ENTRY, ADA)), m.drainEvents());
    }

    @Test
    void door_heldOpenPastItsTime_alarmsUntilItCloses() {
        GateMachine m = started(DOOR);
        m.grant(ms(0), PULSE, ENTRY, Optional.of(ADA));
        m.door(ms(1000), true);
        m.drainEvents();
        m.advance(ms(21_000) - 1);
        assertEquals(List.of(), m.drainEvents());
        m.advance(ms(21_000));
        assertEquals(List.of(event(HELD_OPEN, 21_000)), m.drainEvents());
        assertEquals(ALARM, m.outputs());
        m.advance(ms(600_000));
        assertEquals(ALARM, m.outputs(), "held open sounds until the door closes");
        m.door(ms(600_001), false);
        assertEquals(LOCKED, m.outputs());
        assertEquals(List.of(), m.drainEvents());
    }

    @Test
    void door_openedWhileLocked_isForced_andAlarmsUntilItCloses() {
        GateMachine m = started(DOOR);
        m.door(ms(50), true);
        assertEquals(List.of(event(FORCED, 50)), m.drainEvents());
        assertEquals(ALARM, m.outputs());
        m.door(ms(90), false);
        assertEquals(LOCKED, m.outputs());
    }

    @Test
    void door_openAtStartUp_isNotForced_butGetsTheHeldOpenTime() {
        GateMachine m = new GateMachine(DOOR);
        m.start(ms(0), false, true);
        assertEquals(State.DOOR_OPEN, m.state());
        assertEquals(List.of(), m.drainEvents());
        m.advance(ms(20_000));
        assertEquals(List.of(event(HELD_OPEN, 20_000)), m.drainEvents());
    }

    @Test
    void doorWithAPassageSensor_theSensorConfirms_andTheDoorOnlyReportsForcing() {
        GateMachine m = started(new Settings(RelayMode.PULSE, PASSAGE_TIMEOUT, HELD_OPEN_AFTER, ALARM_HOLD, true, true));
        m.grant(ms(0), PULSE, ENTRY, Optional.of(ADA));
        m.door(ms(100), true);
        m.passage(ms(200), ENTRY);
        m.passage(ms(300), ENTRY);
        m.door(ms(400), false);
        m.door(ms(500), true);
        assertEquals(List.of(event(PASSED, 200, ENTRY, ADA), event(FORCED, 300, ENTRY, null), event(FORCED, 500)),
                m.drainEvents());
    }

    // --- request to exit ------------------------------------------------------------------------

    @Test
    void exitButton_isLogged_andReleasesForOnePassageOut() {
        GateMachine m = started(DOOR);
        m.exitRequest(ms(100), PULSE);
        assertEquals(RELEASED, m.outputs());
        m.door(ms(400), true);
        assertEquals(List.of(event(EXIT_REQUEST, 100, EXIT, null), event(PASSED, 400, EXIT, null)), m.drainEvents());
    }

    @Test
    void exitButton_withNobodyOut_isNotPassed() {
        GateMachine m = started(DOOR);
        m.exitRequest(ms(0), PULSE);
        m.advance(ms(5000));
        assertEquals(List.of(event(EXIT_REQUEST, 0, EXIT, null), event(NOT_PASSED, 5000, EXIT, null)), m.drainEvents());
    }

    // --- time -----------------------------------------------------------------------------------

    @Test
    void timeGoingBack_countsAsTheLatestSeen() {
        GateMachine m = started(BARE);
        m.advance(ms(1000));
        m.grant(ms(10), PULSE, ENTRY, Optional.of(ADA));
        assertEquals(ms(1800), m.nextDeadline());
    }

    @Test
    void eventsAreDrainedOnce() {
        GateMachine m = started(TURNSTILE);
        m.passage(ms(1), ENTRY);
        assertEquals(1, m.drainEvents().size());
        assertTrue(m.drainEvents().isEmpty());
    }
}
