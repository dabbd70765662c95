package io.limen.config;

import java.time.Duration;

/**
 * How the gate answers a decision, and how this entrance behaves around it.
 *
 * @param grantPulse        how long the relay stays released (and green lit) for a grant in pulse mode,
 *                          and for the exit button, 50 ms..10 s
 * @param denyShow          how long red stays lit for a denial, 100 ms..30 s
 * @param fireAlarmDebounce how long the fire-alarm input must hold a level before it counts, 0..1 s:
 *                          ignores contact bounce, far below a person's notice
 * @param driver            what drives the pins: {@link GateDriver#PI4J} on a terminal, {@link GateDriver#SIMULATED}
 *                          on a laptop or in a demo
 * @param relayMode         pulse (released for {@code grantPulse}) or latch (released until the passage)
 * @param passageTimeout    how long after a grant its passage still counts, 1..120 s; then {@code not_passed}
 *                          (only on an entrance with a passage sensor or door contact)
 * @param heldOpen          how long the door may stand open before {@code held_open}, 1 s..10 min
 * @param alarmHold         how long the alarm output sounds for a forced passage, 0.5 s..10 min
 * @param direction         which way a person goes through after a scan at this terminal's camera
 * @param antiPassback      how long the same credential is refused ({@code passback}) in the same
 *                          direction after it was granted, 0 (off)..24 h
 */
public record GateConfig(Duration grantPulse, Duration denyShow, Duration fireAlarmDebounce, GateDriver driver,
                         RelayMode relayMode, Duration passageTimeout, Duration heldOpen, Duration alarmHold,
                         Direction direction, Duration antiPassback) {

    /** {@link #grantPulse} in milliseconds. */
    public static final Range GRANT_PULSE_MS = new Range(50, 10_000);
    /** {@link #denyShow} in milliseconds. */
    public static final Range DENY_SHOW_MS = new Range(100, 30_000);
    /** {@link #fireAlarmDebounce} in milliseconds. */
    public static final Range FIRE_ALARM_DEBOUNCE_MS = new Range(0, 1_000);
    /** {@link #passageTimeout} in milliseconds. */
    public static final Range PASSAGE_TIMEOUT_MS = new Range(1_000, 120_000);
    /** {@link #heldOpen} in milliseconds. */
    public static final Range HELD_OPEN_MS = new Range(1_000, 600_000);
    /** {@link #alarmHold} in milliseconds. */
    public static final Range ALARM_HOLD_MS = new Range(500, 600_000);
    /** {@link #antiPassback} in milliseconds. */
    public static final Range ANTI_PASSBACK_MS = new Range(0, 86_400_000);

    public static final Duration MIN_GRANT_PULSE = Duration.ofMillis(GRANT_PULSE_MS.min());
    public static final Duration MAX_GRANT_PULSE = Duration.ofMillis(GRANT_PULSE_MS.max());
    public static final GateConfig DEFAULTS = new GateConfig(Duration.ofMillis(800), Duration.ofMillis(1500),
            Duration.ofMillis(10), GateDriver.PI4J, RelayMode.PULSE, Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofSeconds(5), Direction.ENTRY, Duration.ZERO);

    public GateConfig {
        Checks.within("gate.grantPulse", grantPulse, GRANT_PULSE_MS);
        Checks.within("gate.denyShow", denyShow, DENY_SHOW_MS);
        Checks.within("gate.fireAlarmDebounce", fireAlarmDebounce, FIRE_ALARM_DEBOUNCE_MS);
        Checks.present("gate.driver", driver);
        Checks.present("gate.relayMode", relayMode);
        Checks.within("gate.passageTimeout", passageTimeout, PASSAGE_TIMEOUT_MS);
        Checks.within("gate.heldOpen", heldOpen, HELD_OPEN_MS);
        Checks.within("gate.alarmHold", alarmHold, ALARM_HOLD_MS);
        Checks.present("gate.direction", direction);
        Checks.within("gate.antiPassback", antiPassback, ANTI_PASSBACK_MS);
    }

    /** The times given, on {@code driver}, with the defaults for the rest. */
    public GateConfig(Duration grantPulse, Duration denyShow, Duration fireAlarmDebounce, GateDriver driver) {
        this(grantPulse, denyShow, fireAlarmDebounce, driver, RelayMode.PULSE, Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofSeconds(5), Direction.ENTRY, Duration.ZERO);
    }

    /** The times given, on the default driver ({@link GateDriver#PI4J}). */
    public GateConfig(Duration grantPulse, Duration denyShow, Duration fireAlarmDebounce) {
        this(grantPulse, denyShow, fireAlarmDebounce, GateDriver.PI4J);
    }

    /** Whether anti-passback is on. */
    public boolean antiPassbackOn() {
        return !antiPassback.isZero();
    }

    public GateConfig withRelayMode(RelayMode value) {
        return new GateConfig(grantPulse, denyShow, fireAlarmDebounce, driver, value, passageTimeout, heldOpen, alarmHold,
                direction, antiPassback);
    }

    public GateConfig withAntiPassback(Duration value) {
        return new GateConfig(grantPulse, denyShow, fireAlarmDebounce, driver, relayMode, passageTimeout, heldOpen, alarmHold,
                direction, value);
    }

    public GateConfig withTimes(Duration pulse, Duration show) {
        return new GateConfig(pulse, show, fireAlarmDebounce, driver, relayMode, passageTimeout, heldOpen, alarmHold,
                direction, antiPassback);
    }

    public GateConfig withDirection(Direction value) {
        return new GateConfig(grantPulse, denyShow, fireAlarmDebounce, driver, relayMode, passageTimeout, heldOpen, alarmHold,
                value, antiPassback);
    }
}
