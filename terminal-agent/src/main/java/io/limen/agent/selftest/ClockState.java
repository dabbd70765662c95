package io.limen.agent.selftest;

import io.limen.agent.time.TimeFloor;
import io.limen.agent.time.TimesyncdState;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the selftest knows of the time, read once at its start.
 *
 * @param now          the system clock's reading
 * @param synchronised whether systemd-timesyncd says the clock was synchronised since boot (true where it
 *                     cannot tell, as {@link TimesyncdState} takes it)
 * @param savedElsewhere timesyncd's own saved time ({@link TimeFloor#timesyncdSaved}), which raises the floor
 */
public record ClockState(Instant now, boolean synchronised, Optional<Instant> savedElsewhere) {

    public ClockState {
        Objects.requireNonNull(now, "now must not be null");
        Objects.requireNonNull(savedElsewhere, "savedElsewhere must not be null");
    }

    /** A clock synchronised at {@code now}, with nothing saved elsewhere: tests. */
    public static ClockState synchronisedAt(Instant now) {
        return new ClockState(now, true, Optional.empty());
    }

    /** This machine's clock and timesyncd's state, as {@code run} reads them. */
    public static ClockState system() {
        return new ClockState(Instant.now(), new TimesyncdState(TimesyncdState.RUN).getAsBoolean(),
                TimeFloor.timesyncdSaved(TimesyncdState.SAVED_CLOCK));
    }
}
