package io.limen.format.credential;

import io.limen.format.Reason;
import java.util.Optional;

/**
 * Thrown inside the parsing stages to unwind to {@link CredentialVerifier}, which turns it into a
 * {@link Verification.Refused}; it never leaves this package. No stack trace: refusals are routine
 * and must stay cheap.
 */
final class CredentialRefusal extends RuntimeException {

    private final Reason reason;
    private final transient Optional<Credential> credential;

    CredentialRefusal(Reason reason, String detail) {
        this(reason, detail, Optional.empty());
    }

    /** A refusal of a credential whose signature verified. */
    CredentialRefusal(Reason reason, String detail, Credential credential) {
        this(reason, detail, Optional.of(credential));
    }

    private CredentialRefusal(Reason reason, String detail, Optional<Credential> credential) {
        super(detail, null, false, false);
        this.reason = reason;
        this.credential = credential;
    }

    Reason reason() {
        return reason;
    }

    Optional<Credential> credential() {
        return credential;
    }
}
