package io.limen.format.cose;

import org.bouncycastle.crypto.digests.SHA256Digest;

/** SHA-256 of byte strings laid end to end: kids, revocation keys and ES256 message hashes. */
public final class Sha256 {

    private Sha256() {
    }

    public static byte[] of(byte[]... parts) {
        SHA256Digest digest = new SHA256Digest();
        for (byte[] part : parts) {
            digest.update(part, 0, part.length);
        }
        byte[] hash = new byte[digest.getDigestSize()];
        digest.doFinal(hash, 0);
        return hash;
    }
}
