package io.limen.config;

import java.time.Duration;

/**
 * How the gate answers a decision.
 *
 * @param grantPulse        how long the relay stays energised (and green lit) for a grant, 50 ms..10 s
 * @param denyShow          how long red stays lit for a denial, 100 ms..30 s
 * @param fireAlarmDebounce how long the fire-alarm input must hold a level before it counts, 0..1 s:
 *                          ignores contact bounce, far below a person's notice
 * @param driver            what drives the pins: {@link GateDriver#PI4J} on a terminal, {@link GateDriver#SIMULATED}
 *                          on a laptop or in a demo
 */
public record GateConfig(Duration grantPulse, Duration denyShow, Duration fireAlarmDebounce, GateDriver driver) {

    /** {@link #grantPulse} in milliseconds. */
    public static final Range GRANT_PULSE_MS = new Range(50, 10_000);
    /** {@link #denyShow} in milliseconds. */
    public static final Range DENY_SHOW_MS = new Range(100, 30_000);
    /** {@link #fireAlarmDebounce} in milliseconds. */
    public static final Range FIRE_ALARM_DEBOUNCE_MS = new Range(0, 1_000);

    public static final Duration MIN_GRANT_PULSE = Duration.ofMillis(GRANT_PULSE_MS.min());
    public static final Duration MAX_GRANT_PULSE = Duration.ofMillis(GRANT_PULSE_MS.max());
    public static final GateConfig DEFAULTS =
            new GateConfig(Duration.ofMillis(800), Duration.ofMillis(1500), Duration.ofMillis(10), GateDriver.PI4J);

    public GateConfig {
        Checks.within("gate.grantPulse", grantPulse, GRANT_PULSE_MS);
        Checks.within("gate.denyShow", denyShow, DENY_SHOW_MS);
        Checks.within("gate.fireAlarmDebounce", fireAlarmDebounce, FIRE_ALARM_DEBOUNCE_MS);
        Checks.present("gate.driver", driver);
    }

    /** The times given, on the default driver ({@link GateDriver#PI4J}). */
    public GateConfig(Duration grantPulse, Duration denyShow, Duration fireAlarmDebounce) {
        this(grantPulse, denyShow, fireAlarmDebounce, GateDriver.PI4J);
    }
}
