package io.limen.format.credential;

import java.util.Arrays;
import java.util.HexFormat;

/** A credential's id, its CWT {@code cti}: 1 to 16 bytes chosen by the issuer. */
public record CredentialId(byte[] bytes) {

    public static final int MAX_LENGTH = 16;

    public CredentialId {
        if (bytes.length < 1 || bytes.length > MAX_LENGTH) {
            throw new IllegalArgumentException("credential id (cti) must be 1..16 bytes, but was " + bytes.length);
        }
        bytes = bytes.clone();
    }

    public static CredentialId fromHex(String hex) {
        return new CredentialId(HexFormat.of().parseHex(hex));
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CredentialId that && Arrays.equals(bytes, that.bytes);
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
