package io.limen.format.credential;

import io.limen.format.cose.CoseAlgorithm;
import io.limen.format.cose.VerifyingKey;
import java.util.Objects;

/**
 * The holder's public key from a credential's {@code cnf} claim (RFC 8747), which signs dynamic codes
 * ({@code LQ1:}). Ed25519: {@code x} is the 32-byte public key and {@code y} is empty. P-256: the
 * 32-byte affine coordinates of a point on the curve. Decoded once, when the claims are read, so a
 * dynamic code costs only its signature check.
 */
public final class HolderKey {

    private final VerifyingKey key;

    /** @throws IllegalArgumentException when the coordinates are not a valid key of {@code algorithm} (lengths, a point off P-256) */
    public HolderKey(CoseAlgorithm algorithm, byte[] x, byte[] y) {
        this(VerifyingKey.fromCoseKey(Objects.requireNonNull(algorithm, "algorithm"), x, y));
    }

    private HolderKey(VerifyingKey key) {
        this.key = key;
    }

    /** The holder key of a key pair the holder made ({@code limen provision holder-keys}). */
    public static HolderKey of(VerifyingKey key) {
        return new HolderKey(Objects.requireNonNull(key, "key"));
    }

    public CoseAlgorithm algorithm() {
        return key.algorithm();
    }

    /** The COSE_Key {@code x}: Ed25519's public key, or the P-256 point's x. */
    public byte[] x() {
        return key.coseCoordinates()[0];
    }

    /** The COSE_Key {@code y}: empty for Ed25519. */
    public byte[] y() {
        return key.coseCoordinates()[1];
    }

    /** The key that verifies the holder's dynamic codes; its kid is what they carry. */
    public VerifyingKey verifyingKey() {
        return key;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HolderKey that && key.equals(that.key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return "HolderKey[" + key.algorithm() + ", kid=" + key.keyId() + "]";
    }
}
