package io.limen.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.format.Reason;
import io.limen.format.credential.Claims;
import io.limen.format.credential.CredentialVerifier;
import io.limen.format.credential.TrustStore;
import io.limen.format.credential.Verification;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.ReaderException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IssueCommandTest {

    @TempDir
    Path dir;

    private Path key;
    private Path trust;

    @BeforeEach
    void makeKeys() {
        makeKeys("ed25519");
    }

    private void makeKeys(String alg) {
        Cli.Result result = Cli.run("keys", "--force", "--alg", alg, "--out", dir.resolve("keys").toString());
        assertEquals(0, result.exitCode(), result.toString());
        key = dir.resolve("keys/issuer.key");
        trust = dir.resolve("keys/trust.pem");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ed25519", "p256"})
    void issue_pngDecodesToTheTextFile_whichVerifiesWithTheTrustFileAndCarriesTheClaims(String alg) throws Exception {
        makeKeys(alg);
        Path prefix = dir.resolve("out/ada");

        Cli.Result result = issue("--issuer", "https://acme.example", "--subject", "staff-0042",
                "--not-before", "2026-12-01T09:00+01:00", "--expires", "2026-12-31T23:00:00Z",
                "--zone", "lobby", "--zone", "floor-3", "--name", "Ada L.", "--cti", "00112233445566778899aabbccddeeff",
                "--out", prefix.toString());

        assertEquals(0, result.exitCode(), result.toString());
        String text = Files.readString(dir.resolve("out/ada.txt"), StandardCharsets.US_ASCII);
        assertEquals(text, decodeQr(dir.resolve("out/ada.png")));
        Claims claims = verify(text, Instant.parse("2026-12-15T12:00:00Z"));
        assertEquals("https://acme.example", claims.issuer());
        assertEquals("staff-0042", claims.subject());
        assertEquals(Cli.NOW, claims.issuedAt());
        assertEquals(Optional.of(Instant.parse("2026-12-01T08:00:00Z")), claims.notBefore());
        assertEquals(Instant.parse("2026-12-31T23:00:00Z"), claims.expiresAt());
        assertEquals(List.of("lobby", "floor-3"), claims.zones());
        assertEquals(Optional.of("Ada L."), claims.displayName());
        assertEquals("00112233445566778899aabbccddeeff", claims.id().toHex());
        assertEquals(Optional.empty(), claims.holderKey());

        String kid = TrustStore.load(trust).keys().get(0).keyId().toHex();
        assertEquals("{\"cti\":\"00112233445566778899aabbccddeeff\",\"revocation_key\":\"" + claims.revocationKey().toHex()
                + "\",\"kid\":\"" + kid + "\",\"issuer\":\"https://acme.example\",\"subject\":\"staff-0042\""
                + ",\"not_before\":\"2026-12-01T08:00:00Z\",\"expires\":\"2026-12-31T23:00:00Z\""
                + ",\"png\":\"" + prefix + ".png\",\"txt\":\"" + prefix + ".txt\"}\n", result.out());
        assertFalse(result.out().contains("Ada"), "the display name is personal data and stays out of the output");
    }

    @Test
    void issue_pngHasWholePixelModulesAndAQuietZone() throws Exception {
        assertEquals(0, issue("--issuer", "iss", "--subject", "sub", "--out", dir.resolve("c").toString()).exitCode());

        BufferedImage image = ImageIO.read(dir.resolve("c.png").toFile());
        assertEquals(image.getWidth(), image.getHeight());
        assertEquals(0, image.getWidth() % QrImage.MODULE_PIXELS);
        int quietZone = QrImage.QUIET_ZONE_MODULES * QrImage.MODULE_PIXELS;
        for (int i = 0; i < quietZone; i++) {
            assertEquals(0xFFFFFFFF, image.getRGB(i, i), "quiet zone pixel " + i + " is white");
        }
        assertEquals(0xFF000000, image.getRGB(quietZone, quietZone), "the finder pattern starts right after the quiet zone");
    }

    @Test
    void issue_byDefault_isValidForOneDayFromNow_withARandom16ByteCti() throws Exception {
        assertEquals(0, issue("--issuer", "iss", "--subject", "sub", "--out", dir.resolve("a").toString()).exitCode());
        assertEquals(0, issue("--issuer", "iss", "--subject", "sub", "--out", dir.resolve("b").toString()).exitCode());

        Claims a = verify(Files.readString(dir.resolve("a.txt")), Cli.NOW);
        Claims b = verify(Files.readString(dir.resolve("b.txt")), Cli.NOW);
        assertEquals(Cli.NOW.plus(IssueCommand.DEFAULT_VALIDITY), a.expiresAt());
        assertEquals(Optional.empty(), a.notBefore());
        assertEquals(List.of(), a.zones());
        assertEquals(16, a.id().bytes().length);
        assertFalse(a.id().equals(b.id()), "two credentials never share a cti");
    }

    @Test
    void issue_validFor_countsFromNotBefore() throws Exception {
        Cli.Result result = issue("--issuer", "iss", "--subject", "sub", "--not-before", "2027-01-01T00:00:00Z",
                "--valid-for", "PT8H", "--out", dir.resolve("a").toString());

        assertEquals(0, result.exitCode(), result.toString());
        String text = Files.readString(dir.resolve("a.txt"));
        assertEquals(Instant.parse("2027-01-01T08:00:00Z"), verify(text, Instant.parse("2027-01-01T01:00:00Z")).expiresAt());
        Verification early = verifier().verify(text, Instant.parse("2026-12-31T23:58:00Z"));
        assertEquals(Reason.NOT_YET_VALID, assertInstanceOf(Verification.Refused.class, early).reason());
    }

    @Test
    void issue_missingSubject_isAUsageErrorNamingIt() {
        assertUsageError(issue("--issuer", "iss", "--out", dir.resolve("a").toString()), "--subject");
    }

    @Test
    void issue_unparseableTime_isAUsageErrorNamingTheOption() {
        assertUsageError(issue("--issuer", "iss", "--subject", "sub", "--not-before", "next monday",
                "--out", dir.resolve("a").toString()), "--not-before");
        assertUsageError(issue("--issuer", "iss", "--subject", "sub", "--expires", "2027-01-01T00:00",
                "--out", dir.resolve("a").toString()), "--expires");
        assertUsageError(issue("--issuer", "iss", "--subject", "sub", "--valid-for", "30 days",
                "--out", dir.resolve("a").toString()), "--valid-for");
    }

    @Test
    void issue_timeWithoutOffset_isRefusedInTheWordsOfAgentScan() {
        Cli.Result result = issue("--issuer", "iss", "--subject", "sub", "--expires", "2027-01-01T00:00",
                "--out", dir.resolve("a").toString());

        assertUsageError(result, "--expires");
        assertTrue(result.err().contains("'2027-01-01T00:00' is not an ISO-8601 instant with an offset, e.g. 2027-01-31T08:00:00Z"),
                result.err());
    }

    @Test
    void issue_moreZonesThanTerminalsAccept_isAUsageErrorNamingTheirLimit() {
        List<String> args = new java.util.ArrayList<>(List.of("--issuer", "iss", "--subject", "sub", "--out", dir.resolve("a").toString()));
        for (int i = 0; i <= Claims.MAX_ZONES; i++) {
            args.addAll(List.of("--zone", "z" + i));
        }

        Cli.Result result = issue(args.toArray(String[]::new));

        assertUsageError(result, "--zone");
        assertTrue(result.err().contains("at most " + Claims.MAX_ZONES + " times, but was given " + (Claims.MAX_ZONES + 1)), result.err());
    }

    @Test
    void issue_expiresBeforeNotBefore_isAUsageErrorNamingBoth() {
        Cli.Result result = issue("--issuer", "iss", "--subject", "sub", "--not-before", "2027-01-02T00:00:00Z",
                "--expires", "2027-01-01T00:00:00Z", "--out", dir.resolve("a").toString());

        assertUsageError(result, "--expires");
        assertTrue(result.err().contains("--not-before"), result.err());
    }

    @Test
    void issue_expiresInThePast_isAUsageError() {
        assertUsageError(issue("--issuer", "iss", "--subject", "sub", "--expires", "2026-11-27T11:59:59Z",
                "--out", dir.resolve("a").toString()), "--expires");
    }

    @Test
    void issue_expiresAndValidForTogether_isAUsageError() {
        assertUsageError(issue("--issuer", "iss", "--subject", "sub", "--expires", "2027-01-01T00:00:00Z",
                "--valid-for", "P1D", "--out", dir.resolve("a").toString()), "--valid-for");
    }

    @Test
    void issue_badCti_isAUsageErrorNamingIt() {
        assertUsageError(issue("--issuer", "iss", "--subject", "sub", "--cti", "xyz", "--out", dir.resolve("a").toString()), "--cti");
        assertUsageError(issue("--issuer", "iss", "--subject", "sub", "--cti", "00".repeat(17),
                "--out", dir.resolve("a").toString()), "--cti");
    }

    @Test
    void issue_textTerminalsWouldRefuse_isAUsageErrorNamingTheOption() {
        assertUsageError(issue("--issuer", "iss", "--subject", " ", "--out", dir.resolve("a").toString()), "--subject");
        assertUsageError(issue("--issuer", "i".repeat(257), "--subject", "sub", "--out", dir.resolve("a").toString()), "--issuer");
        assertUsageError(issue("--issuer", "iss", "--subject", "sub", "--zone", "", "--out", dir.resolve("a").toString()), "--zone");
    }

    @Test
    void issue_unreadableKeyFile_failsWithExit1NamingThePath() {
        Path missing = dir.resolve("nowhere/issuer.key");

        Cli.Result result = Cli.run("issue", "--key", missing.toString(), "--issuer", "iss", "--subject", "sub",
                "--out", dir.resolve("a").toString());

        assertEquals(1, result.exitCode(), result.toString());
        assertTrue(result.err().contains(missing.toString()), result.err());
        assertEquals(1, result.err().lines().count(), "one line, no stack trace: " + result.err());
        assertFalse(Files.exists(dir.resolve("a.png")));
    }

    @Test
    void issue_trustFileGivenAsKey_failsWithExit1NamingThePath() {
        Cli.Result result = Cli.run("issue", "--key", trust.toString(), "--issuer", "iss", "--subject", "sub",
                "--out", dir.resolve("a").toString());

        assertEquals(1, result.exitCode(), result.toString());
        assertTrue(result.err().contains(trust.toString()), result.err());
        assertEquals(1, result.err().lines().count(), result.err());
    }

    @Test
    void issue_refusesToOverwriteOutput_unlessForced() throws Exception {
        String out = dir.resolve("a").toString();
        assertEquals(0, issue("--issuer", "iss", "--subject", "sub", "--out", out).exitCode());
        String first = Files.readString(dir.resolve("a.txt"));

        Cli.Result again = issue("--issuer", "iss", "--subject", "sub", "--out", out);
        assertEquals(1, again.exitCode(), again.toString());
        assertTrue(again.err().contains("--force"), again.err());
        assertEquals(first, Files.readString(dir.resolve("a.txt")));

        assertEquals(0, issue("--issuer", "iss", "--subject", "sub", "--force", "--out", out).exitCode());
        assertFalse(first.equals(Files.readString(dir.resolve("a.txt"))));
    }

    @Test
    void noCommand_isAUsageError_andHelpAndVersionExitZero() {
        assertEquals(2, Cli.run().exitCode());
        Cli.Result help = Cli.run("--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("keys") && help.out().contains("issue"), help.out());
        Cli.Result issueHelp = Cli.run("issue", "--help");
        assertTrue(issueHelp.out().contains("--valid-for"), issueHelp.out());
        Cli.Result version = Cli.run("--version");
        assertEquals(0, version.exitCode());
        assertTrue(version.out().startsWith("limen provision "), version.out());
    }

    private Cli.Result issue(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "issue";
        all[1] = "--key";
        all[2] = key.toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return Cli.run(all);
    }

    private CredentialVerifier verifier() throws Exception {
        TrustStore store = TrustStore.load(trust);
        return new CredentialVerifier(() -> store, CredentialVerifier.DEFAULT_CLOCK_SKEW);
    }

    private Claims verify(String text, Instant now) throws Exception {
        Verification result = verifier().verify(text, now);
        return assertInstanceOf(Verification.Verified.class, result, result.toString()).credential().claims();
    }

    private static String decodeQr(Path png) throws Exception {
        // As scan reads still images: a finder search with TRY_HARDER, then the image as a pure code (plain
        // ZXing misses a few clean codes; docs/performance.md). The agent's own decoder is tested on these
        // images in the agent's IssuedImagesDecodeTest; the fleet side does not depend on the agent.
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(ImageIO.read(png.toFile()))));
        QRCodeReader reader = new QRCodeReader();
        try {
            return reader.decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
        } catch (ReaderException e) { // not found, or a misread (FormatException, ChecksumException): try as a pure code
            return reader.decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
        }
    }

    private static void assertUsageError(Cli.Result result, String option) {
        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.err().contains(option), "names " + option + ": " + result.err());
        assertEquals(1, result.err().lines().count(), "one line, no stack trace: " + result.err());
        assertEquals("", result.out());
    }
}
