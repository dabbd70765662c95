package io.limen.format.credential;

import io.limen.format.cose.CoseAlgorithm;
import io.limen.format.cose.KeyId;
import java.util.Objects;

/**
 * A credential whose issuer signature has been verified: its claims, and the key that signed them.
 * Whether it is valid now, revoked or good for this entrance is for the policy to say.
 */
public record Credential(Claims claims, KeyId keyId, CoseAlgorithm algorithm) {

    public Credential {
        Objects.requireNonNull(claims, "claims");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(algorithm, "algorithm");
    }

    public RevocationKey revocationKey() {
        return claims.revocationKey();
    }

    @Override
    public String toString() {
        return "Credential[" + claims + ", kid=" + keyId + ", " + algorithm + "]";
    }
}
