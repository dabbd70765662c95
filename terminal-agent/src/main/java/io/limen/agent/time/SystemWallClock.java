package io.limen.agent.time;

import java.time.Clock;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The real wall clock: the system's UTC time, with its trust state from whoever knows it (list sync
 * and NTP status fill it in a later issue; until then the caller says).
 */
public final class SystemWallClock implements WallClock {

    private final Clock clock;
    private final BooleanSupplier synchronised;

    /**
     * @param synchronised read on every reading; must be cheap and non-blocking (e.g. a volatile flag)
     */
    public SystemWallClock(Clock clock, BooleanSupplier synchronised) {
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
        this.synchronised = Objects.requireNonNull(synchronised, "synchronised must not be null");
    }

    /**
     * The system clock, taken as synchronised: for a desktop and for {@code demo}, whose clocks NTP keeps.
     * A terminal passes its NTP state instead.
     */
    public static SystemWallClock trustingSystemClock() {
        return new SystemWallClock(Clock.systemUTC(), () -> true);
    }

    @Override
    public TimeReading read() {
        return new TimeReading(clock.instant(),
                synchronised.getAsBoolean() ? TimeReading.Trust.SYNCHRONISED : TimeReading.Trust.UNSYNCHRONISED);
    }
}
