package io.limen.format.cose;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/** Signing keys from fixed seeds, so a failing case replays byte for byte; {@code credential.Forge} builds on them. */
public final class Keys {

    static final SigningKey ED = key(CoseAlgorithm.EDDSA, 11);
    static final SigningKey EC = key(CoseAlgorithm.ES256, 12);
    static final SigningKey OTHER_ED = key(CoseAlgorithm.EDDSA, 13);

    private Keys() {
    }

    public static SigningKey key(CoseAlgorithm algorithm, long seed) {
        try {
            // SHA1PRNG seeded before first use is deterministic; the default SecureRandom is not.
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return SigningKey.generate(algorithm, random);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
