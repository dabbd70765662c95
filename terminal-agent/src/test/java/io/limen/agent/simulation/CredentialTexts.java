package io.limen.agent.simulation;

import java.util.Random;

/** Credential-shaped QR texts for tests: {@code LP1:} and 300 characters of the Base45 alphabet. */
public final class CredentialTexts {

    private static final String BASE45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

    private CredentialTexts() {
    }

    /** About the length of a signed, compressed credential (a COSE_Sign1 of some 200 bytes). */
    public static String typical(long seed) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder("LP1:");
        for (int i = 0; i < 300; i++) {
            text.append(BASE45.charAt(random.nextInt(BASE45.length())));
        }
        return text.toString();
    }
}
