package io.limen.format.credential;

import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One showing of a credential as a dynamic code ({@code LQ1:}): when the holder's key signed it and
 * with which nonce. With the credential's revocation key it names the presentation: seen twice in its
 * window, it is a replay (a screenshot or a recording of the screen).
 *
 * @param signedAt {@code t}, the holder's clock when it signed, whole seconds
 * @param nonce    the 8 random bytes, big-endian
 */
public record Presentation(Instant signedAt, long nonce) {

    /** Bytes of the nonce in a dynamic code. */
    public static final int NONCE_LENGTH = 8;

    public Presentation {
        Objects.requireNonNull(signedAt, "signedAt");
        if (signedAt.getNano() != 0) {
            throw new IllegalArgumentException("a presentation's time must be whole seconds, but was " + signedAt);
        }
    }

    public String nonceHex() {
        return HexFormat.of().toHexDigits(nonce);
    }

    @Override
    public String toString() {
        return "Presentation[t=" + signedAt + ", nonce=" + nonceHex() + "]";
    }
}
