package io.limen.agent.policy;

import io.limen.format.Reason;
import io.limen.format.credential.Credential;
import java.util.Objects;
import java.util.Optional;

/**
 * What the terminal decided for one code: granted ({@link Reason#OK}) or denied with a reason. The
 * credential is present whenever its signature was verified, even if it was then denied.
 *
 * @param detail for logs and the command line; not stable, match on {@code reason}
 */
public record Decision(Reason reason, Optional<Credential> credential, String detail) {

    public Decision {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(detail, "detail");
    }

    public static Decision granted(Credential credential) {
        return new Decision(Reason.OK, Optional.of(credential), "granted");
    }

    public static Decision denied(Reason reason, Optional<Credential> credential, String detail) {
        if (reason == Reason.OK) {
            throw new IllegalArgumentException("a denial's reason must not be ok");
        }
        return new Decision(reason, credential, detail);
    }

    public boolean granted() {
        return reason == Reason.OK;
    }
}
