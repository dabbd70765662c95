package io.limen.agent.policy;

import io.limen.format.Reason;
import io.limen.format.credential.Credential;
import java.util.Objects;
import java.util.Optional;

/** Refuses a credential that names zones, none of them this entrance's. */
public final class InZone implements Rule {

    private final Optional<String> zone;

    /** @param zone this entrance's zone; empty for an entrance that admits any zone */
    public InZone(Optional<String> zone) {
        this.zone = Objects.requireNonNull(zone, "zone must not be null");
    }

    @Override
    public Optional<Decision.Denied> check(Credential credential, ScanContext context) {
        // A credential that names no zones is good for every zone.
        var zones = credential.claims().zones();
        if (zone.isEmpty() || zones.isEmpty() || zones.contains(zone.get())) {
            return Optional.empty();
        }
        return Optional.of(new Decision.Denied(Reason.WRONG_ZONE, Optional.of(credential), "zone " + zone.get() + " not in " + zones));
    }
}
