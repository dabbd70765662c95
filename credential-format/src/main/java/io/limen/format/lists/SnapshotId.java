package io.limen.format.lists;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/** The 16 random bytes that tie the chunks of one snapshot publication together. */
public record SnapshotId(byte[] bytes) {

    public static final int LENGTH = 16;

    public SnapshotId {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("snapshot id must be 16 bytes, but was " + bytes.length);
        }
        bytes = bytes.clone();
    }

    public static SnapshotId random(SecureRandom random) {
        byte[] bytes = new byte[LENGTH];
        random.nextBytes(bytes);
        return new SnapshotId(bytes);
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SnapshotId other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes);
    }
}
