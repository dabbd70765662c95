package io.limen.agent.policy;

import io.limen.config.ListsConfig;
import io.limen.format.Reason;
import io.limen.format.credential.Credential;
import java.util.Objects;
import java.util.Optional;

/**
 * The entrance's answer to a clock it cannot trust ({@code lists.whenClockUnsynced}): a Pi without a
 * real-time clock that has not been synchronised since boot, or whose clock is behind the newest
 * trustworthy time it has seen ({@code time.TimeFloor}). Admit as usual (said in the log), admit only
 * credentials issued before the trusted time (the reading's instant, never earlier than the floor), or
 * refuse ({@code clock_unsynced}).
 */
public final class ClockTrusted implements Rule {

    private final ListsConfig.Degraded whenUnsynced;

    public ClockTrusted(ListsConfig.Degraded whenUnsynced) {
        this.whenUnsynced = Objects.requireNonNull(whenUnsynced, "whenUnsynced must not be null");
    }

    @Override
    public Optional<Decision.Denied> check(Credential credential, ScanContext context) {
        if (context.time().trusted() || whenUnsynced == ListsConfig.Degraded.ADMIT_WITH_WARNING) {
            return Optional.empty();
        }
        if (whenUnsynced == ListsConfig.Degraded.ADMIT_ISSUED_BEFORE && !credential.claims().issuedAt().isAfter(context.time().instant())) {
            return Optional.empty();
        }
        return Optional.of(new Decision.Denied(Reason.CLOCK_UNSYNCED, Optional.of(credential), "the clock is not trusted (read "
                + context.time().instant() + ")" + (whenUnsynced == ListsConfig.Degraded.REFUSE ? "; this entrance refuses until it is"
                : "; the credential was issued at " + credential.claims().issuedAt() + ", after the trusted time")));
    }

    /** {@code clock_unsynced} for a grant made while the clock is not trusted. */
    @Override
    public Optional<Reason> warning(Credential credential, ScanContext context) {
        return context.time().trusted() ? Optional.empty() : Optional.of(Reason.CLOCK_UNSYNCED);
    }
}
