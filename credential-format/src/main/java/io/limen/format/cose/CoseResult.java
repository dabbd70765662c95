package io.limen.format.cose;

import io.limen.format.Reason;
import java.util.Objects;

/**
 * What the COSE layer made of bytes from the wire: the value, or a refusal with its stable reason.
 * Hostile input gets one of these, never an exception.
 *
 * @param <T> what an accepted input yields
 */
public sealed interface CoseResult<T> {

    record Accepted<T>(T value) implements CoseResult<T> {
        public Accepted {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * @param detail for logs and the command line; names positions and values, never whole messages.
     *               Not stable: match on {@code reason}.
     */
    record Refused<T>(Reason reason, String detail) implements CoseResult<T> {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
            if (reason == Reason.OK) {
                throw new IllegalArgumentException("a refusal's reason must not be ok");
            }
        }
    }
}
