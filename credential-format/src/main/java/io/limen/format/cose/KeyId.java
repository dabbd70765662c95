package io.limen.format.cose;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A COSE kid: the first 8 bytes of SHA-256 over a key's canonical DER SubjectPublicKeyInfo
 * ({@link VerifyingKey#spki()}).
 */
public record KeyId(byte[] bytes) {

    public static final int LENGTH = 8;

    public KeyId {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a kid must be " + LENGTH + " bytes, but was " + bytes.length);
        }
        bytes = bytes.clone();
    }

    /** The kid of these SubjectPublicKeyInfo bytes as given: pass the canonical form ({@link VerifyingKey#keyId()} does). */
    public static KeyId ofSpki(byte[] spkiDer) {
        return new KeyId(Arrays.copyOf(Sha256.of(spkiDer), LENGTH));
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KeyId that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    public String toHex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
