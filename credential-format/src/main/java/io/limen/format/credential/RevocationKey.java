package io.limen.format.credential;

import io.limen.format.cose.Sha256;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The key a credential is revoked by: the first 16 bytes of SHA-256(iss UTF-8 ‖ 0x00 ‖ cti), held as
 * two longs (big-endian) so millions of them fit in memory as plain arrays.
 */
public record RevocationKey(long high, long low) implements Comparable<RevocationKey> {

    public static final int LENGTH = 16;

    public static RevocationKey of(String issuer, byte[] credentialId) {
        return fromBytes(Sha256.of(issuer.getBytes(StandardCharsets.UTF_8), new byte[] {0}, credentialId));
    }

    /** The key from its first 16 bytes; longer input (a whole digest) is cut to 16. */
    public static RevocationKey fromBytes(byte[] bytes) {
        if (bytes.length < LENGTH) {
            throw new IllegalArgumentException("revocation key must be at least 16 bytes, but was " + bytes.length);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new RevocationKey(buffer.getLong(), buffer.getLong());
    }

    public static RevocationKey fromHex(String hex) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("revocation key must be 32 hex digits, but was " + hex.length());
        }
        return fromBytes(bytes);
    }

    public byte[] toBytes() {
        return ByteBuffer.allocate(LENGTH).putLong(high).putLong(low).array();
    }

    public String toHex() {
        return HexFormat.of().formatHex(toBytes());
    }

    /** Unsigned order, the same as comparing the 16 bytes one by one. */
    @Override
    public int compareTo(RevocationKey other) {
        int byHigh = Long.compareUnsigned(high, other.high);
        return byHigh != 0 ? byHigh : Long.compareUnsigned(low, other.low);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
