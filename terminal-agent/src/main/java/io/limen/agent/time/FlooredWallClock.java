package io.limen.agent.time;

import java.time.Clock;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The terminal's wall clock: the system clock judged against the {@link TimeFloor}, so that a clock in
 * 1970, or one stepped back an hour, reads as not trusted at the floor's time instead of moving validity
 * checks into the past; and a boot without time sync reads as not trusted.
 */
public final class FlooredWallClock implements WallClock {

    private final Clock clock;
    private final TimeFloor floor;
    private final BooleanSupplier synchronised;

    /** @param synchronised read on every reading: cheap and non-blocking (a volatile flag) */
    public FlooredWallClock(Clock clock, TimeFloor floor, BooleanSupplier synchronised) {
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
        this.floor = Objects.requireNonNull(floor, "floor must not be null");
        this.synchronised = Objects.requireNonNull(synchronised, "synchronised must not be null");
    }

    @Override
    public TimeReading read() {
        return floor.judge(clock.instant(), synchronised.getAsBoolean());
    }

    @Override
    public void trustworthyTimeSeen(java.time.Instant passed) {
        floor.raise(passed);
    }

    public TimeFloor floor() {
        return floor;
    }
}
