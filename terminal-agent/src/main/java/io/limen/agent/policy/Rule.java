package io.limen.agent.policy;

import io.limen.format.Reason;
import io.limen.format.credential.Credential;
import java.util.Optional;

/**
 * One check the policy makes on a verified credential. Rules run in order and the first denial wins,
 * so each new refusal ({@code passback}, {@code replayed}, {@code clock_unsynced}, {@code lists_stale})
 * is one more small rule, not another branch. A rule is pure: it reads the context and changes nothing.
 */
@FunctionalInterface
public interface Rule {

    /** A denial with this rule's reason, or empty to let the credential on to the next rule. */
    Optional<Decision.Denied> check(Credential credential, ScanContext context);

    /**
     * What a grant this rule let through should warn of ({@code lists_stale}, {@code clock_unsynced} under
     * an admitting answer to a degraded state), shown on the display beside the welcome; empty for most rules.
     * Asked only when every rule let the credential through.
     */
    default Optional<Reason> warning(Credential credential, ScanContext context) {
        return Optional.empty();
    }
}
