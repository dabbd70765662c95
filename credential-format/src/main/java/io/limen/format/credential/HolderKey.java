package io.limen.format.credential;

import io.limen.format.cose.CoseAlgorithm;
import java.util.Arrays;

/**
 * The holder's public key from a credential's {@code cnf} claim (RFC 8747), which signs dynamic
 * codes. Ed25519: {@code x} is the 32-byte public key and {@code y} is empty. P-256: the 32-byte
 * affine coordinates.
 */
public record HolderKey(CoseAlgorithm algorithm, byte[] x, byte[] y) {

    public HolderKey {
        int yLength = algorithm == CoseAlgorithm.EDDSA ? 0 : 32;
        if (x.length != 32 || y.length != yLength) {
            throw new IllegalArgumentException("holder key for " + algorithm + " must have x of 32 and y of " + yLength
                    + " bytes, but had " + x.length + " and " + y.length);
        }
        x = x.clone();
        y = y.clone();
    }

    @Override
    public byte[] x() {
        return x.clone();
    }

    @Override
    public byte[] y() {
        return y.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HolderKey that && algorithm == that.algorithm
                && Arrays.equals(x, that.x) && Arrays.equals(y, that.y);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * algorithm.hashCode() + Arrays.hashCode(x)) + Arrays.hashCode(y);
    }

    @Override
    public String toString() {
        return "HolderKey[" + algorithm + "]";
    }
}
