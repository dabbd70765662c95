package io.limen.format.credential;

import io.limen.format.Reason;
import java.util.Objects;
import java.util.Optional;

/** What the verifier made of one code's text: a verified credential, or a refusal with its reason. */
public sealed interface Verification {

    record Verified(Credential credential) implements Verification {
        public Verified {
            Objects.requireNonNull(credential, "credential");
        }
    }

    /**
     * @param detail     for logs and the command line; may name positions and values, never the whole
     *                   credential. Not stable: match on {@code reason}.
     * @param credential present when the signature verified before the refusal (expired, not yet
     *                   valid, untrusted issuer), so that logs and the command line can say whose it was
     */
    record Refused(Reason reason, String detail, Optional<Credential> credential) implements Verification {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(credential, "credential");
            if (reason == Reason.OK) {
                throw new IllegalArgumentException("a refusal's reason must not be ok");
            }
        }

        /** A refusal before (or of) the signature: there is no credential to tell of. */
        public Refused(Reason reason, String detail) {
            this(reason, detail, Optional.empty());
        }
    }
}
