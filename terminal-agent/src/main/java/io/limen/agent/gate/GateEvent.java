package io.limen.agent.gate;

import io.limen.config.Direction;
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

    /** The kinds, with stable codes (the scan log's {@code gate_event} column and telemetry use them). */
    public enum Kind {
        /** A grant was used: the passage sensor or door contact confirmed someone went through. */
        PASSED("passed"),
        /** A grant timed out with nobody through; the lock went back and the passage is given back. */
        NOT_PASSED("not_passed"),
        /** A passage with no grant (tailgating, a forced rotation) or a door opened while locked: alarm. */
        FORCED("forced"),
        /** The door stood open longer than allowed: alarm until it closes. */
        HELD_OPEN("held_open"),
        /** The request-to-exit button released the lock without a scan. */
        EXIT_REQUEST("exit_request"),
        /** The fire-alarm input went active (or its wire was cut): the entrance is held free. */
        FIRE_ALARM("fire_alarm"),
        /** The fire-alarm input is back to normal: the entrance locks again. */
        FIRE_CLEARED("fire_cleared");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        /** The stable code, e.g. {@code not_passed}. */
        public String code() {
            return code;
        }

        @Override
        public String toString() {
            return code;
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
