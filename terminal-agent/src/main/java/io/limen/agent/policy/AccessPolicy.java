package io.limen.agent.policy;

import io.limen.format.credential.Verification;
import io.limen.config.ListsConfig;
import io.limen.config.PolicyConfig;
import java.util.ArrayList;
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

    /** The rules of an entrance without a policy section: not revoked, good for its zone, not replayed. */
    public static AccessPolicy standard(Optional<String> zone) {
        return of(zone, PolicyConfig.DEFAULTS);
    }

    /**
     * The rules of an entrance: not revoked; good for its zone; a dynamic code where only those will do
     * ({@code static_not_allowed}); inside the schedule ({@code outside_schedule}); and last, not a
     * replay ({@code replayed}), so that what the replay memory records is exactly what was granted.
     */
    public static AccessPolicy of(Optional<String> zone, PolicyConfig policy) {
        List<Rule> rules = new ArrayList<>(List.of(new NotRevoked(), new InZone(zone)));
        if (policy.dynamicCodesOnly()) {
            rules.add(new DynamicCodesOnly());
        }
        policy.schedule().ifPresent(schedule -> rules.add(new InSchedule(schedule)));
        rules.add(new NotReplayed());
        return new AccessPolicy(rules);
    }

    /**
     * The rules of an entrance with its lists section: also its answers to a clock it cannot trust
     * ({@code clock_unsynced}) and to stale lists ({@code lists_stale}), right after not revoked (a
     * revoked credential is said to be revoked, whatever the clock).
     */
    public static AccessPolicy of(Optional<String> zone, PolicyConfig policy, ListsConfig lists) {
        List<Rule> rules = new ArrayList<>(of(zone, policy).rules);
        rules.add(1, new ClockTrusted(lists.whenClockUnsynced()));
        rules.add(2, new ListsFresh(lists.maxAge(), lists.whenStale()));
        return new AccessPolicy(rules);
    }

    /**
     * The rules of {@link #of(Optional, PolicyConfig)}, then anti-passback when {@code gate} turns it on
     * ({@code gate.antiPassbackMs} &gt; 0), for scans going {@code gate.direction}.
     */
    public static AccessPolicy of(Optional<String> zone, PolicyConfig policy, io.limen.config.GateConfig gate) {
        AccessPolicy base = of(zone, policy);
        if (!gate.antiPassbackOn()) {
            return base;
        }
        // The entrance's rules as they are, with anti-passback after them: a refusal for another reason wins.
        List<Rule> rules = new ArrayList<>(base.rules);
        rules.add(new NoPassback(gate.antiPassback(), gate.direction()));
        return new AccessPolicy(rules);
    }

    /**
     * The rules of {@link #of(Optional, PolicyConfig, io.limen.config.GateConfig)}, with the clock and
     * staleness answers of {@link #of(Optional, PolicyConfig, ListsConfig)} right after not revoked: a
     * whole entrance as its config describes it.
     */
    public static AccessPolicy of(Optional<String> zone, PolicyConfig policy, io.limen.config.GateConfig gate, ListsConfig lists) {
        List<Rule> rules = new ArrayList<>(of(zone, policy, gate).rules);
        rules.add(1, new ClockTrusted(lists.whenClockUnsynced()));
        rules.add(2, new ListsFresh(lists.maxAge(), lists.whenStale()));
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
        List<io.limen.format.Reason> warnings = new ArrayList<>();
        for (Rule rule : rules) {
            rule.warning(verified.credential(), context).ifPresent(warnings::add);
        }
        return new Decision.Granted(verified.credential(), warnings);
    }
}
