package io.limen.format.credential;

import java.util.Arrays;
import java.util.HexFormat;

/** A COSE kid: the first 8 bytes of SHA-256 over the issuer key's DER SubjectPublicKeyInfo. */
public record KeyId(byte[] bytes) {

    public static final int LENGTH = 8;

    public KeyId {
        bytes = bytes.clone();
    }

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
