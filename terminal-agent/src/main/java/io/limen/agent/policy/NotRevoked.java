package io.limen.agent.policy;

import io.limen.format.Reason;
import io.limen.format.credential.Credential;
import java.util.Optional;

/**
 * Refuses a credential on the snapshot's revocation list: answered from memory (a binary search, or a
 * Bloom filter whose rare hits one SQLite point query confirms: {@code revocation.FilteredRevocations}).
 */
public final class NotRevoked implements Rule {

    @Override
    public Optional<Decision.Denied> check(Credential credential, ScanContext context) {
        if (!context.lists().revocations().contains(credential.revocationKey())) {
            return Optional.empty();
        }
        return Optional.of(new Decision.Denied(Reason.REVOKED, Optional.of(credential),
                "revocation key " + credential.revocationKey() + " is listed (list version "
                        + context.lists().revocations().version() + ")"));
    }
}
