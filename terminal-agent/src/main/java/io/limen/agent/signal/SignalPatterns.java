package io.limen.agent.signal;

import io.limen.agent.gate.GateEvent;
import io.limen.agent.policy.Decision;
import io.limen.agent.signal.SignalPattern.Step;

import java.util.List;
import java.util.Optional;

import static io.limen.agent.gate.PinRole.BUZZER;
import static io.limen.agent.gate.PinRole.GREEN_LED;
import static io.limen.agent.gate.PinRole.RED_LED;

/**
 * The entrance's built-in patterns and which one each outcome plays. Lengths are milliseconds.
 * Priorities: a decision (1) never cuts an alarm (2) short, and nothing cuts the fire alarm (3).
 */
public final class SignalPatterns {

    /** Admitted: green with one short beep, green held for the rest of a second. */
    public static final SignalPattern GRANTED = new SignalPattern("granted", 1,
            List.of(Step.of(100, GREEN_LED, BUZZER), Step.of(900, GREEN_LED)), 1);

    /** Refused: red with two short beeps. */
    public static final SignalPattern DENIED = new SignalPattern("denied", 1,
            List.of(Step.of(150, RED_LED, BUZZER), Step.of(100, RED_LED), Step.of(150, RED_LED, BUZZER), Step.of(600, RED_LED)), 1);

    /**
     * Admitted with a warning (lists stale, clock unsynchronised, under {@code admit-with-warning}): green,
     * one beep, and the red LED flashing twice beside it (amber on a two-colour lamp) so staff notice.
     */
    public static final SignalPattern DEGRADED = new SignalPattern("degraded", 1,
            List.of(Step.of(100, GREEN_LED, BUZZER), Step.of(150, GREEN_LED, RED_LED), Step.of(150, GREEN_LED),
                    Step.of(150, GREEN_LED, RED_LED), Step.of(450, GREEN_LED)), 1);

    /** A door forced or held open, a tailgater: red and buzzer alternating every 250 ms until stopped. */
    public static final SignalPattern ALARM = new SignalPattern("alarm", 2,
            List.of(Step.of(250, RED_LED, BUZZER), Step.of(250)), SignalPattern.FOREVER);

    /**
     * Fire alarm: the entrance is free, so green stays on; the buzzer sounds the temporal-three evacuation
     * cadence (ISO 8201: three 0.5 s tones 0.5 s apart, then 1.5 s silence) until the alarm clears.
     */
    public static final SignalPattern FIRE = new SignalPattern("fire", 3,
            List.of(Step.of(500, GREEN_LED, BUZZER), Step.of(500, GREEN_LED), Step.of(500, GREEN_LED, BUZZER),
                    Step.of(500, GREEN_LED), Step.of(500, GREEN_LED, BUZZER), Step.of(1500, GREEN_LED)), SignalPattern.FOREVER);

    private SignalPatterns() {
    }

    /**
     * The pattern for a decision.
     *
     * @param degraded true when the grant was made under a warning (lists stale or clock unsynchronised
     *                 and the entrance set to {@code admit-with-warning}); ignored for a refusal
     */
    public static SignalPattern forDecision(Decision decision, boolean degraded) {
        return switch (decision) {
            case Decision.Granted g -> degraded ? DEGRADED : GRANTED;
            case Decision.Denied d -> DENIED;
        };
    }

    /** The pattern a gate event starts, if any ({@code fire_cleared} stops {@link #FIRE}, see {@link SignalPlayer#onGateEvent}). */
    public static Optional<SignalPattern> forGateEvent(GateEvent.Kind kind) {
        return switch (kind) {
            case FORCED, HELD_OPEN -> Optional.of(ALARM);
            case FIRE_ALARM -> Optional.of(FIRE);
            case PASSED, NOT_PASSED, EXIT_REQUEST, FIRE_CLEARED -> Optional.empty();
        };
    }
}
