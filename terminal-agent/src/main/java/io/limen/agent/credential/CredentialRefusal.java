package io.limen.agent.credential;

import io.limen.agent.Reason;

/**
 * Thrown inside the parsing stages to unwind to {@link CredentialVerifier}, which turns it into a
 * {@link Verification.Refused}; it never leaves this package. No stack trace: refusals are routine
 * and must stay cheap.
 */
final class CredentialRefusal extends RuntimeException {

    private final Reason reason;

    CredentialRefusal(Reason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }
}
