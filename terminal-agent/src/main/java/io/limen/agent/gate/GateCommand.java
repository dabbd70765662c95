package io.limen.agent.gate;

import java.time.Duration;
import java.util.Objects;

/**
 * What one call on {@link Gate} commanded, for the demo and the logs to print.
 *
 * @param kind     what the gate did
 * @param duration how long the outputs stay as commanded ({@link Duration#ZERO} when not timed)
 */
public record GateCommand(Kind kind, Duration duration) {

    public enum Kind {
        /** Relay energised and green lit for {@code duration}. */
        GRANTED,
        /** A grant during a pulse: the same pulse now ends {@code duration} from now. */
        EXTENDED,
        /** Red lit for {@code duration}. */
        DENIED,
        /** The fire alarm holds the door open; the grant or deny asked for changed nothing. */
        HELD_OPEN_BY_FIRE_ALARM
    }

    public GateCommand {
        Objects.requireNonNull(kind, "kind must not be null");
        Objects.requireNonNull(duration, "duration must not be null");
    }

    @Override
    public String toString() {
        long ms = duration.toMillis();
        return switch (kind) {
            case GRANTED -> "relay on for " + ms + " ms, green on";
            case EXTENDED -> "relay stays on, pulse now ends in " + ms + " ms, green on";
            case DENIED -> "red on for " + ms + " ms";
            case HELD_OPEN_BY_FIRE_ALARM -> "fire alarm: relay held on, green on, request ignored";
        };
    }
}
