package io.limen.format.credential;

import io.limen.format.cose.CoseAlgorithm;
import io.limen.format.cose.KeyId;
import java.util.Objects;
import java.util.Optional;

/**
 * A credential whose issuer signature has been verified: its claims, and the key that signed them;
 * for a dynamic code ({@code LQ1:}), also the holder's presentation, whose signature by the holder key
 * ({@code cnf}) has been verified too. Whether it is valid now, revoked or good for this entrance is for
 * the policy to say.
 *
 * @param presentation present when the credential came as a dynamic code, empty for a static one
 */
public record Credential(Claims claims, KeyId keyId, CoseAlgorithm algorithm, Optional<Presentation> presentation) {

    public Credential {
        Objects.requireNonNull(claims, "claims");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(presentation, "presentation");
    }

    /** A static credential ({@code LP1:}). */
    public Credential(Claims claims, KeyId keyId, CoseAlgorithm algorithm) {
        this(claims, keyId, algorithm, Optional.empty());
    }

    /** The same credential, shown in {@code presentation}. */
    public Credential presented(Presentation value) {
        return new Credential(claims, keyId, algorithm, Optional.of(value));
    }

    public boolean dynamic() {
        return presentation.isPresent();
    }

    public RevocationKey revocationKey() {
        return claims.revocationKey();
    }

    @Override
    public String toString() {
        return "Credential[" + claims + ", kid=" + keyId + ", " + algorithm + presentation.map(p -> ", " + p).orElse("") + "]";
    }
}
