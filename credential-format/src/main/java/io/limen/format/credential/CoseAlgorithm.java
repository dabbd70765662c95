package io.limen.format.credential;

import java.util.Optional;

/** The COSE signature algorithms a credential may use (RFC 9053 identifiers). */
public enum CoseAlgorithm {
    /** EdDSA with Ed25519. */
    EDDSA(-8),
    /** ECDSA with P-256 and SHA-256; the signature is raw r‖s, 64 bytes. */
    ES256(-7);

    private final int id;

    CoseAlgorithm(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    public static Optional<CoseAlgorithm> fromId(long id) {
        for (CoseAlgorithm algorithm : values()) {
            if (algorithm.id == id) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }
}
