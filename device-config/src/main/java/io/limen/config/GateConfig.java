package io.limen.config;

import java.time.Duration;

/**
 * How the gate answers a decision.
 *
 * @param grantPulse        how long the relay stays energised (and green lit) for a grant, 50 ms..10 s
 * @param denyShow          how long red stays lit for a denial, 100 ms..30 s
 * @param fireAlarmDebounce how long the fire-alarm input must hold a level before it counts, 0..1 s:
 *                          ignores contact bounce, far below a person's notice
 */
public record GateConfig(Duration grantPulse, Duration denyShow, Duration fireAlarmDebounce) {

    public static final Duration MIN_GRANT_PULSE = Duration.ofMillis(50);
    public static final Duration MAX_GRANT_PULSE = Duration.ofSeconds(10);
    public static final GateConfig DEFAULTS = new GateConfig(Duration.ofMillis(800), Duration.ofMillis(1500), Duration.ofMillis(10));

    public GateConfig {
        Checks.within("gate.grantPulse", grantPulse, MIN_GRANT_PULSE, MAX_GRANT_PULSE);
        Checks.within("gate.denyShow", denyShow, Duration.ofMillis(100), Duration.ofSeconds(30));
        Checks.within("gate.fireAlarmDebounce", fireAlarmDebounce, Duration.ZERO, Duration.ofSeconds(1));
    }
}
