package io.limen.agent.signal;

import io.limen.agent.policy.Decision;
import io.limen.agent.signal.SignalPattern.Step;

import java.util.List;

import static io.limen.agent.signal.SignalOutput.BUZZER;
import static io.limen.agent.signal.SignalOutput.GREEN_LED;
import static io.limen.agent.signal.SignalOutput.RED_LED;

/**
 * The entrance's built-in patterns and which one each outcome plays. Lengths are milliseconds.
 *
 * <p>Two kinds ({@link SignalPlayer}): the <em>standing</em> pattern says what state the entrance is in
 * (dark, released, a denial showing, an alarm, the fire alarm) for as long as it is in it; a
 * <em>decision</em> pattern (granted, degraded, denied) plays once over it, then the standing one
 * resumes. Priorities: the steady states 0, decisions and {@link #ALARM} 1, {@link #FIRE} 2. A decision
 * plays over the alarm (a grant during an alarm still shows granted); an alarm raised during a decision
 * cuts it; nothing plays over the fire alarm.
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

    /** A door forced or held open, a tailgater: red and buzzer alternating every 250 ms until it ends. */
    public static final SignalPattern ALARM = new SignalPattern("alarm", 1,
            List.of(Step.of(250, RED_LED, BUZZER), Step.of(250)), SignalPattern.FOREVER);

    /**
     * Fire alarm: the entrance is free, so green stays on; the buzzer sounds the temporal-three evacuation
     * cadence (ISO 8201: three 0.5 s tones 0.5 s apart, then 1.5 s silence) until the alarm clears.
     */
    public static final SignalPattern FIRE = new SignalPattern("fire", 2,
            List.of(Step.of(500, GREEN_LED, BUZZER), Step.of(500, GREEN_LED), Step.of(500, GREEN_LED, BUZZER),
                    Step.of(500, GREEN_LED), Step.of(500, GREEN_LED, BUZZER), Step.of(1500, GREEN_LED)), SignalPattern.FOREVER);

    /** Standing: locked, nothing to show; every output off. */
    public static final SignalPattern DARK = steady("dark");
    /** Standing: the lock released (a grant, the exit button): green steady until it locks again. */
    public static final SignalPattern RELEASED = steady("released", GREEN_LED);
    /** Standing: a denial showing ({@code gate.denyMs}): red steady until its time ends. */
    public static final SignalPattern REFUSING = steady("refusing", RED_LED);
    /** Standing: a denial showing while a release goes on (the one let through is mid-passage). */
    public static final SignalPattern RELEASED_REFUSING = steady("released_refusing", GREEN_LED, RED_LED);

    private SignalPatterns() {
    }

    /** A steady state: one step held until replaced (the player writes it once and schedules nothing). */
    private static SignalPattern steady(String name, SignalOutput... on) {
        return new SignalPattern(name, 0, List.of(Step.of(1000, on)), SignalPattern.FOREVER);
    }

    /**
     * The pattern for a decision: {@link #DEGRADED} for a grant made with warnings (lists stale, clock
     * unsynchronised, and the entrance admits anyway: {@link Decision.Granted#degraded()}).
     */
    public static SignalPattern forDecision(Decision decision) {
        return switch (decision) {
            case Decision.Granted g -> g.degraded() ? DEGRADED : GRANTED;
            case Decision.Denied d -> DENIED;
        };
    }

    /**
     * The standing pattern for the gate's state: {@link #FIRE} while the fire alarm holds the entrance
     * free; {@link #ALARM} while the gate sounds its alarm (a door forced or held open: until it closes;
     * a forced passage: for {@code gate.alarmHoldMs}); else the LEDs steady as the gate wants them.
     *
     * @param fire  the fire alarm holds the entrance free
     * @param alarm the gate's alarm output is on
     * @param green the gate wants green (released)
     * @param red   the gate wants red (a denial showing)
     */
    public static SignalPattern standing(boolean fire, boolean alarm, boolean green, boolean red) {
        if (fire) {
            return FIRE;
        }
        if (alarm) {
            return ALARM;
        }
        if (green) {
            return red ? RELEASED_REFUSING : RELEASED;
        }
        return red ? REFUSING : DARK;
    }
}
