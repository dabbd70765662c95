package io.limen.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.format.credential.Claims;
import io.limen.format.credential.CredentialVerifier;
import io.limen.format.credential.TrustStore;
import io.limen.format.credential.Verification;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One rule for the texts of a credential in {@code keys} and {@code issue} (issue 5, item 9): what a
 * trust file or a terminal would refuse or never match is a usage error, and the claims together must
 * fit what terminals read and one QR code holds.
 */
class IssueTextsTest {

    private static final String RULE = "must be 1..256 bytes of UTF-8 text on one line, without control characters or blanks at either end, but ";

    @TempDir
    Path dir;

    @Test
    void issuerThatKeysRefuses_isRefusedByIssueToo_andNothingIsWritten() {
        Path key = keys("https://acme.example");
        for (String issuer : List.of(" https://acme.example", "https://acme.example ", "https://acme.example\n", "https://acme\u202E.example")) {
            assertEquals(2, Cli.run("keys", "--issuer", issuer, "--out", dir.resolve("other").toString()).exitCode(), issuer);

            Cli.Result result = Cli.run("issue", "--key", key.toString(), "--issuer", issuer, "--subject", "staff-1",
                    "--out", dir.resolve("a").toString());

            assertEquals(2, result.exitCode(), result.toString());
            assertTrue(result.err().startsWith("limen provision issue: --issuer " + RULE), result.err());
            assertFalse(Files.exists(dir.resolve("a.png")), issuer);
        }
    }

    @Test
    void subjectZoneAndNameWithControlCharacters_areUsageErrorsNamingTheOption() {
        Path key = keys("acme");
        assertUsageError(Cli.run("issue", "--key", key.toString(), "--issuer", "acme", "--subject", "staff\t1", "--out", out()),
                "--subject " + RULE + "it holds a control character (U+0009) at character 6: 'staff\\u0009" + "1'");
        assertUsageError(Cli.run("issue", "--key", key.toString(), "--issuer", "acme", "--subject", "s", "--zone", "lobby\r", "--out", out()),
                "--zone " + RULE + "it holds a line break (U+000D) at character 6: 'lobby\\u000D'");
        assertUsageError(Cli.run("issue", "--key", key.toString(), "--issuer", "acme", "--subject", "s", "--name", "Ada\u00A0", "--out", out()),
                "--name " + RULE + "it ends with a blank (U+00A0): 'Ada\\u00A0'");
    }

    @Test
    void textsTypedDecomposed_areSignedComposed_andMatchAKeyBoundByTheSameTyping() throws Exception {
        Path key = keys("https://cafe\u0301.example");

        Cli.Result result = Cli.run("issue", "--key", key.toString(), "--issuer", "https://cafe\u0301.example", "--subject", "Zoe\u0308",
                "--zone", "cafe\u0301", "--out", out());

        assertEquals(0, result.exitCode(), result.toString());
        TrustStore trust = TrustStore.load(dir.resolve("keys/trust.pem"));
        assertEquals("Issuer: https://caf\u00E9.example", Files.readString(dir.resolve("keys/trust.pem"), StandardCharsets.UTF_8).lines().findFirst().orElseThrow());
        Verification verification = new CredentialVerifier(() -> trust, CredentialVerifier.DEFAULT_CLOCK_SKEW)
                .verify(Files.readString(dir.resolve("a.txt")), Cli.NOW);
        Claims claims = assertInstanceOf(Verification.Verified.class, verification, verification.toString()).credential().claims();
        assertEquals("https://caf\u00E9.example", claims.issuer());
        assertEquals("Zo\u00EB", claims.subject());
        assertEquals(List.of("caf\u00E9"), claims.zones());
    }

    @Test
    void sixtyFourZonesOf256Bytes_isAUsageErrorSayingTheCredentialIsTooLarge_notAnInternalError() {
        Path key = keys("acme");
        List<String> args = new ArrayList<>(List.of("issue", "--key", key.toString(), "--issuer", "acme", "--subject", "s", "--out", out()));
        for (int i = 0; i < Claims.MAX_ZONES; i++) {
            args.addAll(List.of("--zone", String.format("%03d", i) + "z".repeat(253)));
        }

        Cli.Result result = Cli.run(args.toArray(String[]::new));

        assertUsageError(result, "--zone and --name: the signed credential would be 16711 bytes, but terminals accept at most 4096"
                + " (its claims are 16625 bytes: 64 zones); give fewer or shorter zones, or a shorter name");
    }

    @Test
    void zonesThatFitTerminalsButNotOneQrCode_isAUsageErrorSayingSo() {
        Path key = keys("acme");
        List<String> args = new ArrayList<>(List.of("issue", "--key", key.toString(), "--issuer", "acme", "--subject", "s", "--out", out()));
        Random random = new Random(5); // random letters hardly compress: about 3,600 signed bytes, over 3,391 QR characters
        for (int i = 0; i < 14; i++) {
            StringBuilder zone = new StringBuilder();
            random.ints(250, 'a', 'z' + 1).forEach(zone::appendCodePoint);
            args.addAll(List.of("--zone", zone.toString()));
        }

        Cli.Result result = Cli.run(args.toArray(String[]::new));

        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.err().contains("--zone and --name: the credential's QR text would be ")
                && result.err().contains(" characters, but a QR code at error correction M holds at most 3391"), result.err());
        assertFalse(Files.exists(dir.resolve("a.png")));
    }

    private Path keys(String issuer) {
        Cli.Result result = Cli.run("keys", "--force", "--issuer", issuer, "--out", dir.resolve("keys").toString());
        assertEquals(0, result.exitCode(), result.toString());
        return dir.resolve("keys/issuer.key");
    }

    private String out() {
        return dir.resolve("a").toString();
    }

    private static void assertUsageError(Cli.Result result, String message) {
        assertEquals(2, result.exitCode(), result.toString());
        assertEquals("limen provision issue: " + message + " (see limen provision issue --help)", result.err().strip());
        assertEquals("", result.out());
    }
}
