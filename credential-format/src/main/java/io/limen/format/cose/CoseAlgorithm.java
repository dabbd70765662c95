package io.limen.format.cose;

import java.util.Optional;

/** The COSE signature algorithms this format signs and verifies with (RFC 9053 identifiers). */
public enum CoseAlgorithm {
    /** EdDSA with Ed25519. */
    EDDSA(-8, "Ed25519"),
    /** ECDSA with P-256 and SHA-256; the signature is raw r‖s, 64 bytes. */
    ES256(-7, "EC P-256");

    private final int id;
    private final String label;

    CoseAlgorithm(int id, String label) {
        this.id = id;
        this.label = label;
    }

    /** The key type as people name it: "Ed25519" or "EC P-256". */
    public String label() {
        return label;
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
