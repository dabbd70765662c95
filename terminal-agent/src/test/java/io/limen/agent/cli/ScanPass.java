package io.limen.agent.cli;

import io.limen.agent.cli.image.ImageFrames;
import io.limen.agent.simulation.SyntheticScene;
import io.limen.format.cose.CoseAlgorithm;
import io.limen.format.credential.Claims;
import io.limen.format.credential.CredentialId;
import io.limen.format.credential.CredentialIssuer;
import io.limen.format.credential.IssuerKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The pass the {@code scan} tests read: a credential for zone {@code lobby}, valid through November 2026,
 * its issuer's key in {@code trust.pem} and its code in {@code pass.png}, both in the test's folder.
 *
 * @param trust  the issuer's public key (PEM)
 * @param claims what the credential says
 * @param text   the credential's text, as encoded in the QR code
 * @param png    the camera scene of the code
 */
record ScanPass(Path trust, Claims claims, String text, Path png) {

    static final Instant ISSUED = Instant.parse("2026-11-01T00:00:00Z");
    static final Instant EXPIRES = Instant.parse("2026-12-01T00:00:00Z");

    static ScanPass issue(Path dir) throws Exception {
        // A fixed key, so the code and its camera scene are the same on every run (SHA1PRNG seeded
        // before first use is deterministic); scene 7 is one the camera reads.
        SecureRandom fixed = SecureRandom.getInstance("SHA1PRNG");
        fixed.setSeed(7);
        IssuerKey key = IssuerKey.generate(CoseAlgorithm.EDDSA, fixed);
        Path trust = Files.writeString(dir.resolve("trust.pem"), key.publicKeyPem());
        Claims claims = new Claims("https://issuer.example", "holder-1", ISSUED, Optional.empty(), EXPIRES,
                CredentialId.fromHex("00112233445566778899aabbccddeeff"), Optional.empty(), List.of("lobby"), Optional.of("Ada"));
        String text = new CredentialIssuer(key).issue(claims);
        Path png = dir.resolve("pass.png");
        ImageFrames.writePng(SyntheticScene.withCode(text, 7), png);
        return new ScanPass(trust, claims, text, png);
    }
}
