package io.limen.agent.policy;

import io.limen.format.credential.Verification;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a verified credential opens this entrance: a chain of {@link Rule}s, the first
 * denial wins; a credential that passes them all is granted. Pure: everything it reads is in the
 * {@link ScanContext}.
 */
public final class AccessPolicy {

    private final List<Rule> rules;

    public AccessPolicy(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The rules of an entrance today: not revoked, then good for its zone. */
    public static AccessPolicy standard(Optional<String> zone) {
        return new AccessPolicy(List.of(new NotRevoked(), new InZone(zone)));
    }

    /**
     * The standard rules, then anti-passback when {@code gate} turns it on ({@code gate.antiPassbackMs}
     * &gt; 0), for scans going {@code gate.direction}.
     */
    public static AccessPolicy standard(Optional<String> zone, io.limen.config.GateConfig gate) {
        if (!gate.antiPassbackOn()) {
            return standard(zone);
        }
        // The standard rules as they are, with anti-passback after them: a refusal for another reason wins.
        List<Rule> rules = new java.util.ArrayList<>(standard(zone).rules);
        rules.add(new NoPassback(gate.antiPassback(), gate.direction()));
        return new AccessPolicy(rules);
    }

    public Decision decide(Verification verification, ScanContext context) {
        return switch (verification) {
            // The credential, when its signature verified, goes along: the log says whose code it was.
            case Verification.Refused refused -> new Decision.Denied(refused.reason(), refused.credential(), refused.detail());
            case Verification.Verified verified -> decide(verified, context);
        };
    }

    private Decision decide(Verification.Verified verified, ScanContext context) {
        for (int i = 0; i < rules.size(); i++) {
            Optional<Decision.Denied> denied = rules.get(i).check(verified.credential(), context);
            if (denied.isPresent()) {
                return denied.get();
            }
        }
        return new Decision.Granted(verified.credential());
    }
}
