package io.limen.agent.gate;

import io.limen.config.Direction;
import io.limen.format.Reason;
import io.limen.format.credential.Credential;
import java.util.Objects;
import java.util.Optional;

/**
 * Something the gate saw or did that the scan log keeps beside the decisions, and that anti-passback
 * hears of ({@link Kind#NOT_PASSED} gives the holder's passage back).
 *
 * @param kind       what happened
 * @param atNanos    when, on the gate's monotonic clock (the scheduler's); a timeout's event carries the
 *                   instant it fell due, not when it was noticed
 * @param direction  the way the passage went or was granted; empty for events of the whole entrance
 *                   (fire alarm, a door forced or held open)
 * @param credential the credential whose grant this is about; empty for an exit button, a forced
 *                   passage or an entrance-wide event
 */
public record GateEvent(Kind kind, long atNanos, Optional<Direction> direction, Optional<Credential> credential) {

    /**
     * The kinds, each with its stable code in {@link Reason} (the scan log's {@code reason} and
     * {@code gate_events} columns and telemetry carry it).
     */
    public enum Kind {
        /** A grant was used: the passage sensor or door contact confirmed someone went through. */
        PASSED(Reason.PASSED),
        /** A grant timed out with nobody through; the lock went back and the passage is given back. */
        NOT_PASSED(Reason.NOT_PASSED),
        /** A passage with no grant (tailgating, a forced rotation) or a door opened while locked: alarm. */
        FORCED(Reason.FORCED),
        /** The door stood open longer than allowed: alarm until it closes. */
        HELD_OPEN(Reason.HELD_OPEN),
        /** The request-to-exit button released the lock without a scan. */
        EXIT_REQUEST(Reason.EXIT_REQUEST),
        /** The fire-alarm input went active (or its wire was cut): the entrance is held free. */
        FIRE_ALARM(Reason.FIRE_ALARM),
        /** The fire-alarm input is back to normal: the entrance locks again. */
        FIRE_CLEARED(Reason.FIRE_CLEARED);

        private final Reason reason;

        Kind(Reason reason) {
            this.reason = reason;
        }

        /** The stable code, e.g. {@code not_passed}. */
        public String code() {
            return reason.code();
        }

        /** The reason code the scan log records the event under. */
        public Reason reason() {
            return reason;
        }

        /** The kind recorded under {@code reason}, if it is a gate event's. */
        public static java.util.Optional<Kind> of(Reason reason) {
            for (Kind k : values()) {
                if (k.reason == reason) {
                    return java.util.Optional.of(k);
                }
            }
            return java.util.Optional.empty();
        }

        @Override
        public String toString() {
            return code();
        }
    }

    public GateEvent {
        Objects.requireNonNull(kind, "kind must not be null");
        Objects.requireNonNull(direction, "direction must not be null");
        Objects.requireNonNull(credential, "credential must not be null");
    }

    @Override
    public String toString() {
        // Never the credential itself: its id is what a log needs.
        return kind.code() + direction.map(d -> " " + d.configName()).orElse("")
                + credential.map(c -> " cti=" + c.claims().id().toHex()).orElse("") + " at " + atNanos + " ns";
    }
}
