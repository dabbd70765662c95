package io.limen.format.credential;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The CWT claims of a credential (see docs/credential-format.md): what an issuer signs and what a
 * terminal reads back. Every text follows {@link ClaimText}'s rule, whichever way the claims were made.
 *
 * @param zones       the zones the holder may enter; empty means every zone
 * @param displayName shown on the terminal's display; personal data, so never logged
 */
public record Claims(
        String issuer,
        String subject,
        Instant issuedAt,
        Optional<Instant> notBefore,
        Instant expiresAt,
        CredentialId id,
        Optional<HolderKey> holderKey,
        List<String> zones,
        Optional<String> displayName) {

    /** The most UTF-8 bytes a text claim (iss, sub, a zone, the display name) may have. */
    public static final int MAX_TEXT_BYTES = ClaimText.MAX_BYTES;
    /** The most zones a credential may name. */
    public static final int MAX_ZONES = 64;
    /** 9999-12-31T23:59:59Z, the last NumericDate terminals accept: later ones are nonsense and would overflow with the skew. */
    public static final Instant LATEST_TIME = Instant.ofEpochSecond(253_402_300_799L);

    /** @throws IllegalArgumentException if a text breaks {@link ClaimText}'s rule or there are more than {@link #MAX_ZONES} zones */
    public Claims {
        ClaimText.require("issuer", issuer);
        ClaimText.require("subject", subject);
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(holderKey, "holderKey");
        zones = List.copyOf(zones);
        if (zones.size() > MAX_ZONES) {
            throw new IllegalArgumentException("zones must be at most " + MAX_ZONES + ", but were " + zones.size());
        }
        zones.forEach(zone -> ClaimText.require("zone", zone));
        Objects.requireNonNull(displayName, "displayName");
        displayName.ifPresent(name -> ClaimText.require("display name", name));
    }

    public RevocationKey revocationKey() {
        return RevocationKey.of(issuer, id.bytes());
    }

    /** Never prints the display name: it is personal data and logs travel. */
    @Override
    public String toString() {
        return "Claims[iss=" + issuer + ", sub=" + subject + ", cti=" + id + ", exp=" + expiresAt + ", zones=" + zones + "]";
    }
}
