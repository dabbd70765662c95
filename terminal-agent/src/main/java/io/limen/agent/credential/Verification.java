package io.limen.agent.credential;

import io.limen.agent.Reason;
import java.util.Objects;

/** What the verifier made of one code's text: a verified credential, or a refusal with its reason. */
public sealed interface Verification {

    record Verified(Credential credential) implements Verification {
        public Verified {
            Objects.requireNonNull(credential, "credential");
        }
    }

    /**
     * @param detail for logs and the command line; may name positions and values, never the whole
     *               credential. Not stable: match on {@code reason}.
     */
    record Refused(Reason reason, String detail) implements Verification {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
            if (reason == Reason.OK) {
                throw new IllegalArgumentException("a refusal's reason must not be ok");
            }
        }
    }
}
