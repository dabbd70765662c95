package io.limen.format.lists;

import io.limen.format.cose.VerifyingKey;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One issuer key of a trust list: the key, the issuer it is bound to, and when it may verify.
 * Rotation: the new key is listed (valid from a date) while the old one still is, then the old one
 * leaves (or its {@code notAfter} passes); a terminal trusts both in between.
 *
 * @param issuer    the one issuer ({@code iss}) whose credentials the key verifies; empty for any issuer
 * @param key       the issuer public key (Ed25519 or P-256)
 * @param notBefore from when it verifies, whole seconds
 * @param notAfter  until when it verifies, whole seconds
 */
public record TrustEntry(Optional<String> issuer, VerifyingKey key, Instant notBefore, Instant notAfter) {

    public TrustEntry {
        Objects.requireNonNull(issuer, "issuer must not be null");
        Objects.requireNonNull(key, "key must not be null");
        Objects.requireNonNull(notBefore, "notBefore must not be null");
        Objects.requireNonNull(notAfter, "notAfter must not be null");
        if (issuer.isPresent() && issuer.get().isEmpty()) {
            throw new IllegalArgumentException("a trust entry's issuer must not be empty");
        }
        if (!notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException("notAfter must be after notBefore, but was " + notAfter + " <= " + notBefore);
        }
    }

    /** Whether the key verifies at {@code now}: notBefore ≤ now < notAfter. */
    public boolean validAt(Instant now) {
        return !now.isBefore(notBefore) && now.isBefore(notAfter);
    }
}
