package io.limen.agent.policy;

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
     * Whether this rule sees the entrance degraded at this scan (lists stale, clock not trusted), so that
     * a grant it lets through is signalled {@code degraded}; false for rules that know no such state.
     */
    default boolean degraded(ScanContext context) {
        return false;
    }
}
