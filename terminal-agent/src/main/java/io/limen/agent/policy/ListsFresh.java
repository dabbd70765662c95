package io.limen.agent.policy;

import io.limen.config.ListsConfig;
import io.limen.format.Reason;
import io.limen.format.credential.Credential;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The entrance's answer to stale lists ({@code lists.maxAgeMs}, {@code lists.whenStale}): while the older
 * of the two lists is at most {@code maxAge} old, nothing; past it, the building manager's choice —
 * admit as usual (the terminal's status and log say the lists are stale), admit only credentials issued
 * before the lists' time (one revoked since cannot be on a list that old), or refuse ({@code lists_stale}).
 */
public final class ListsFresh implements Rule {

    private final Duration maxAge;
    private final ListsConfig.Degraded whenStale;

    public ListsFresh(Duration maxAge, ListsConfig.Degraded whenStale) {
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge must not be null");
        this.whenStale = Objects.requireNonNull(whenStale, "whenStale must not be null");
    }

    @Override
    public Optional<Decision.Denied> check(Credential credential, ScanContext context) {
        Duration age = context.lists().age(context.time().instant());
        if (age.compareTo(maxAge) <= 0 || whenStale == ListsConfig.Degraded.ADMIT_WITH_WARNING) {
            return Optional.empty();
        }
        Instant listsTime = context.lists().trustAsOf().isBefore(context.lists().revocationsAsOf())
                ? context.lists().trustAsOf() : context.lists().revocationsAsOf();
        Instant issued = credential.claims().issuedAt();
        if (whenStale == ListsConfig.Degraded.ADMIT_ISSUED_BEFORE && !issued.isAfter(listsTime)) {
            return Optional.empty();
        }
        return Optional.of(new Decision.Denied(Reason.LISTS_STALE, Optional.of(credential), "lists are " + age.toMinutes()
                + " min old (max " + maxAge.toMinutes() + " min), as of " + listsTime
                + (whenStale == ListsConfig.Degraded.REFUSE ? "; this entrance refuses while they are stale"
                        : "; the credential was issued at " + issued + ", after them")));
    }

    /** {@code lists_stale} for a grant made while the lists are older than {@code lists.maxAgeMs}. */
    @Override
    public Optional<Reason> warning(Credential credential, ScanContext context) {
        return context.lists().age(context.time().instant()).compareTo(maxAge) > 0 ? Optional.of(Reason.LISTS_STALE) : Optional.empty();
    }
}
