package io.limen.agent.run;

import io.limen.agent.Agent;
import io.limen.agent.ScanOutcome;
import io.limen.agent.policy.Decision;
import io.limen.format.credential.Claims;
import java.util.Locale;

/**
 * The journal line of one decision: what was decided, its stable reason code, the credential id and
 * issuer when the credential was read, and the stage times. Never the code's text nor the claims beyond
 * the id: the journal leaves the device, a credential must not.
 *
 * <pre>
 * decision granted reason=ok cti=00112233445566778899aabbccddeeff iss=https://passes.example decode=0.61ms verify=0.052ms decide=0.004ms relay=0.70ms
 * decision denied reason=bad_prefix text=29chars decode=0.55ms verify=0.003ms decide=0.001ms relay=0.57ms
 * </pre>
 */
final class DecisionLine {

    private DecisionLine() {
    }

    static String of(ScanOutcome.Scanned scanned, Agent.Admission admission) {
        Decision decision = scanned.decision();
        StringBuilder line = new StringBuilder(200)
                .append("decision ").append(decision.granted() ? "granted" : "denied")
                .append(" reason=").append(decision.reason().code());
        decision.credential().map(c -> c.claims()).ifPresentOrElse(
                (Claims c) -> line.append(" cti=").append(c.id().toHex()).append(" iss=").append(c.issuer()),
                () -> line.append(" text=").append(scanned.text().length()).append("chars"));
        ScanOutcome.StageTimes t = scanned.times();
        line.append(String.format(Locale.ROOT, " decode=%.2fms verify=%.3fms decide=%.3fms relay=%.2fms",
                t.decodeNanos() / 1e6, t.verifyNanos() / 1e6, t.decideNanos() / 1e6, admission.frameToRelayNanos() / 1e6));
        return line.toString();
    }
}
