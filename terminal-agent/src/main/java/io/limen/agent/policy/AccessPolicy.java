package io.limen.agent.policy;

import io.limen.format.Reason;
import io.limen.format.credential.Credential;
import io.limen.format.credential.Verification;
import io.limen.agent.revocation.RevocationSet;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Decides whether a verified credential opens this entrance: not revoked, and good for this
 * entrance's zone. The revocation check reads an in-memory snapshot, never the disk, so the common
 * case (not revoked) costs a binary search.
 */
public final class AccessPolicy {

    private final Supplier<RevocationSet> revocations;
    private final Optional<String> zone;

    /**
     * @param revocations read on every decision, so a list update swapped in behind it applies at once
     * @param zone        this entrance's zone; empty for an entrance that admits any zone
     */
    public AccessPolicy(Supplier<RevocationSet> revocations, Optional<String> zone) {
        this.revocations = Objects.requireNonNull(revocations, "revocations");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    public Decision decide(Verification verification) {
        return switch (verification) {
            // The credential, when its signature verified, goes along: the log says whose code it was.
            case Verification.Refused refused -> Decision.denied(refused.reason(), refused.credential(), refused.detail());
            case Verification.Verified verified -> decide(verified.credential());
        };
    }

    private Decision decide(Credential credential) {
        if (revocations.get().contains(credential.revocationKey())) {
            return Decision.denied(Reason.REVOKED, Optional.of(credential), "revocation key " + credential.revocationKey() + " is listed");
        }
        // A credential that names no zones is good for every zone.
        var zones = credential.claims().zones();
        if (zone.isPresent() && !zones.isEmpty() && !zones.contains(zone.get())) {
            return Decision.denied(Reason.WRONG_ZONE, Optional.of(credential), "zone " + zone.get() + " not in " + zones);
        }
        return Decision.granted(credential);
    }
}
