package io.limen.agent.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.limen.agent.camera.Frame;
import io.limen.agent.cli.image.ImageFrames;
import io.limen.format.credential.Claims;
import io.limen.format.cose.CoseAlgorithm;
import io.limen.format.credential.CredentialId;
import io.limen.format.credential.CredentialIssuer;
import io.limen.format.credential.IssuerKey;
import io.limen.provisioning.QrImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every QR image {@code issue} writes reads back through {@code scan}'s decoder. ZXing's finder search
 * alone misses 4 of these 300 perfectly clean images (10 of 300 with other keys); the test sweeps
 * enough credentials that such a loss cannot hide.
 */
class IssuedImagesDecodeTest {

    private static final int CREDENTIALS = 300;

    @TempDir
    Path dir;

    @Test
    void everyIssuedImage_decodesToItsText() throws Exception {
        SplittableRandom random = new SplittableRandom(20261127);
        IssuerKey[] keys = {IssuerKey.generate(CoseAlgorithm.EDDSA, seeded(1)), IssuerKey.generate(CoseAlgorithm.ES256, seeded(2))};
        QrDecoder decoder = QrDecoder.forStillImages();
        List<Integer> unread = new ArrayList<>();
        for (int i = 0; i < CREDENTIALS; i++) {
            byte[] cti = new byte[1 + random.nextInt(16)];
            random.nextBytes(cti);
            Instant issued = Instant.parse("2026-11-27T12:00:00Z").plusSeconds(random.nextInt(1_000_000));
            Claims claims = new Claims("https://issuer-" + random.nextInt(100) + ".example", "holder-" + random.nextInt(1_000_000),
                    issued, Optional.empty(), issued.plus(Duration.ofDays(1 + random.nextInt(365))), new CredentialId(cti),
                    Optional.empty(), random.nextBoolean() ? List.of("lobby") : List.of(), Optional.of("Holder " + i));
            String text = new CredentialIssuer(keys[i % 2]).issue(claims);
            Path png = Files.write(dir.resolve(i + ".png"), QrImage.png(text));
            Frame frame = ImageFrames.read(png);
            if (!decoder.decode(frame).equals(Optional.of(text))) {
                unread.add(i);
            }
        }
        assertEquals(List.of(), unread, "issued images that did not decode to their text");
    }

    /** SHA1PRNG seeded before first use is deterministic: the same images on every run. */
    private static SecureRandom seeded(long seed) throws Exception {
        SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
        random.setSeed(seed);
        return random;
    }
}
