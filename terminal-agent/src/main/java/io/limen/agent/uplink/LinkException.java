package io.limen.agent.uplink;

import java.util.OptionalInt;

/** A connect that did not succeed: refused by the broker (with its CONNACK reason code), unreachable, or too slow. */
public final class LinkException extends Exception {

    private final int reasonCode;

    /** @param reasonCode the broker's CONNACK reason code (0x80..0xFF), or -1 when the broker gave none */
    public LinkException(String message, int reasonCode, Throwable cause) {
        super(message, cause);
        this.reasonCode = reasonCode;
    }

    /** The broker's CONNACK reason code, such as 0x89 Server busy, when it refused the connect. */
    public OptionalInt reasonCode() {
        return reasonCode < 0 ? OptionalInt.empty() : OptionalInt.of(reasonCode);
    }
}
