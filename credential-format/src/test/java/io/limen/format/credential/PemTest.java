package io.limen.format.credential;

import static io.limen.format.credential.Forge.EC;
import static io.limen.format.credential.Forge.ED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.format.cose.Pem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PEM read line by line (RFC 7468): linear time, and every malformed block refused with where it is. */
class PemTest {

    @TempDir
    Path dir;

    @Test
    void beginFollowedBy100000SpacesAndNoEnd_isRefusedInLinearTime() {
        String text = "-----BEGIN PUBLIC KEY-----\n" + " ".repeat(100_000);
        Pem.read("warm up");

        // Linear: about a millisecond here. The old regex took 16 s for 4,000 spaces and grew with the
        // cube, so even a generous bound for a loaded CI machine or a Pi tells the two apart.
        IllegalArgumentException e = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> assertThrows(IllegalArgumentException.class, () -> Pem.read(text)));

        assertEquals("PEM block 1 (PUBLIC KEY, BEGIN on line 1) has no END line", e.getMessage());
    }

    @Test
    void trustFileWithItsSecondKeyCorrupted_isRefusedNamingBlock2() {
        String second = EC.publicKeyPem();
        String corrupted = second.substring(0, 40) + "!" + second.substring(41);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrustStore.fromPem(ED.publicKeyPem() + corrupted, "trust.pem"));

        assertEquals("trust.pem: PEM block 2 (PUBLIC KEY): line 5 is not Base64: character '!' (U+0021) at column 14", e.getMessage());
    }

    @Test
    void endWithoutBegin_isRefusedNamingTheLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pem.read(ED.publicKeyPem() + "comment\n-----END PUBLIC KEY-----\n"));

        assertEquals("PEM block 2: END on line 5 without a BEGIN before it", e.getMessage());
    }

    @Test
    void endWithAnotherLabel_isRefusedNamingBothLines() {
        String pem = ED.publicKeyPem().replace("END PUBLIC KEY", "END PRIVATE KEY");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Pem.read(pem));

        assertEquals("PEM block 1 (PUBLIC KEY, BEGIN on line 1) must end with END PUBLIC KEY, but line 3 ends it with END PRIVATE KEY",
                e.getMessage());
    }

    @Test
    void beginInsideABlock_isRefusedAsAMissingEnd() {
        String pem = ED.publicKeyPem().replace("-----END PUBLIC KEY-----\n", "") + EC.publicKeyPem();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Pem.read(pem));

        assertEquals("PEM block 1 (PUBLIC KEY, BEGIN on line 1) has no END before the next BEGIN on line 3", e.getMessage());
    }

    @Test
    void badPadding_isRefusedNamingTheBlock() {
        String pem = "-----BEGIN PUBLIC KEY-----\nAB=C\n-----END PUBLIC KEY-----\n";

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Pem.read(pem));

        assertTrue(e.getMessage().startsWith("PEM block 1 (PUBLIC KEY, BEGIN on line 1) is not valid Base64: "), e.getMessage());
    }

    @Test
    void explanatoryTextAndCrlf_areAccepted_andKeptBeforeTheirBlock() {
        String pem = "keys of the lobby\r\n" + ED.publicKeyPem().replace("\n", "\r\n") + "\nIssuer: x\n" + EC.publicKeyPem() + "the end\n";

        List<Pem.Block> blocks = Pem.read(pem);

        assertEquals(2, blocks.size());
        assertArrayEquals(ED.publicKey().spki(), blocks.get(0).der());
        assertEquals(List.of("keys of the lobby"), blocks.get(0).textBefore());
        assertEquals(2, blocks.get(0).line());
        assertArrayEquals(EC.publicKey().spki(), blocks.get(1).der());
        assertEquals(List.of("", "Issuer: x"), blocks.get(1).textBefore());
        assertEquals(7, blocks.get(1).line());
    }

    @Test
    void trustFileOver1MiB_isRefusedBeforeItIsRead_withItsSize() throws IOException {
        Path big = Files.writeString(dir.resolve("trust.pem"), ED.publicKeyPem() + "#".repeat(1 << 20));
        long size = Files.size(big);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrustStore.load(big));

        assertEquals(big + ": a PEM file must be at most 1048576 bytes (1 MiB), but is " + size + " bytes", e.getMessage());
    }

    @Test
    void issuerKeyFileOver1MiB_isRefusedWithItsSize() throws IOException {
        Path big = Files.writeString(dir.resolve("issuer.key"), ED.toPem() + "#".repeat(1 << 20));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IssuerKey.load(big));

        assertTrue(e.getMessage().endsWith("but is " + Files.size(big) + " bytes"), e.getMessage());
    }
}
