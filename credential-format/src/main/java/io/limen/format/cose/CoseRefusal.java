package io.limen.format.cose;

import io.limen.format.Reason;

/**
 * Unwinds a parse of hostile bytes to the public method that turns it into a
 * {@link CoseResult.Refused}; it never leaves this package. No stack trace: refusals are routine.
 */
final class CoseRefusal extends RuntimeException {

    private final Reason reason;

    CoseRefusal(Reason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }

    <T> CoseResult.Refused<T> toResult() {
        return new CoseResult.Refused<>(reason, getMessage());
    }
}
