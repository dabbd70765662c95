package io.limen.agent.lists;

import io.limen.agent.revocation.Revocations;
import io.limen.format.credential.TrustStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The lists one scan is judged by, taken together: the trusted issuer keys and the revocations. Immutable;
 * an update builds a new snapshot and swaps it in whole behind an {@code AtomicReference}, so a scan never
 * sees a new trust store with an old revocation list.
 *
 * @param trustAsOf       when the trust store was known current: read from disk today, its signed issue
 *                        time once lists come signed
 * @param revocationsAsOf the same for the revocation list, whose version is {@link Revocations#version()}
 */
public record ListSnapshot(TrustStore trust, Revocations revocations, Instant trustAsOf, Instant revocationsAsOf) {

    public ListSnapshot {
        Objects.requireNonNull(trust, "trust must not be null");
        Objects.requireNonNull(revocations, "revocations must not be null");
        Objects.requireNonNull(trustAsOf, "trustAsOf must not be null");
        Objects.requireNonNull(revocationsAsOf, "revocationsAsOf must not be null");
    }

    /** Both lists as of {@code asOf}. */
    public static ListSnapshot of(TrustStore trust, Revocations revocations, Instant asOf) {
        return new ListSnapshot(trust, revocations, asOf, asOf);
    }

    /** How old the older of the two lists is at {@code now}; zero if {@code now} is before both. */
    public Duration age(Instant now) {
        Instant oldest = trustAsOf.isBefore(revocationsAsOf) ? trustAsOf : revocationsAsOf;
        return now.isAfter(oldest) ? Duration.between(oldest, now) : Duration.ZERO;
    }
}
