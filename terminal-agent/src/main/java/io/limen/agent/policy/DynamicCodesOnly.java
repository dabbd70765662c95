package io.limen.agent.policy;

import io.limen.format.Reason;
import io.limen.format.credential.Credential;
import java.util.Optional;

/**
 * Refuses static credentials ({@code LP1:}) at an entrance that admits dynamic codes only
 * ({@code policy.dynamicCodesOnly}): there a screenshot or a photocopy of a pass must not open the door.
 * A static credential that names a holder key is refused too: the holder could show a dynamic one.
 */
public final class DynamicCodesOnly implements Rule {

    @Override
    public Optional<Decision.Denied> check(Credential credential, ScanContext context) {
        if (credential.dynamic()) {
            return Optional.empty();
        }
        String hint = credential.claims().holderKey().isPresent()
                ? "; the credential names a holder key: show the holder's app's dynamic code"
                : "; the credential names no holder key, so it needs reissuing with one";
        return Optional.of(new Decision.Denied(Reason.STATIC_NOT_ALLOWED, Optional.of(credential),
                "this entrance admits dynamic codes (LQ1:) only" + hint));
    }
}
