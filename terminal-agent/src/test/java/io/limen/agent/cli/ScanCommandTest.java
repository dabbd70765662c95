package io.limen.agent.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.agent.cli.image.ImageFrames;
import io.limen.agent.simulation.SyntheticScene;
import io.limen.format.credential.Claims;
import io.limen.format.cose.CoseAlgorithm;
import io.limen.format.credential.CredentialId;
import io.limen.format.credential.CredentialIssuer;
import io.limen.format.credential.IssuerKey;
import io.limen.agent.revocation.RevocationStore;
import io.limen.agent.revocation.SqliteConnections;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ScanCommandTest {

    static final Instant ISSUED = ScanPass.ISSUED;
    static final Instant EXPIRES = ScanPass.EXPIRES;

    @TempDir
    Path dir;
    Path trust;
    Claims claims;
    String text;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void issue() throws Exception {
        ScanPass pass = ScanPass.issue(dir);
        trust = pass.trust();
        claims = pass.claims();
        text = pass.text();
    }

    private int scan(String... args) {
        CommandLine cli = AgentCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "scan";
        System.arraycopy(args, 0, all, 1, args.length);
        return cli.execute(all);
    }

    private List<String> lines() {
        return out.toString().lines().toList();
    }

    @Test
    void validImage_printsGrantedJsonLine() {
        int exit = scan("--trust", trust.toString(), "--at", "2026-11-15T00:00:00Z", dir.resolve("pass.png").toString());

        assertEquals(0, exit, err.toString());
        String line = lines().get(0);
        assertTrue(line.startsWith("{\"file\":\"" + dir.resolve("pass.png") + "\",\"text\":\"" + text + "\",\"decision\":\"granted\",\"reason\":\"ok\""), line);
        assertTrue(line.contains("\"cti\":\"00112233445566778899aabbccddeeff\",\"issuer\":\"https://issuer.example\",\"subject\":\"holder-1\""), line);
        assertTrue(line.matches(".*\"ms\":\\{\"decode\":[0-9.]+,\"verify\":[0-9.]+,\"decide\":[0-9.]+,\"total\":[0-9.]+}}"), line);
    }

    @Test
    void colourJpegPhoto_isReadLikeThePng() throws Exception {
        // A phone photo: colour, lossy. The pass scene tinted and saved as JPEG at ImageIO's default quality.
        BufferedImage grey = ImageIO.read(dir.resolve("pass.png").toFile());
        BufferedImage photo = new BufferedImage(grey.getWidth(), grey.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < grey.getHeight(); y++) {
            for (int x = 0; x < grey.getWidth(); x++) {
                int luma = grey.getRaster().getSample(x, y, 0);
                photo.setRGB(x, y, Math.min(255, luma + 12) << 16 | luma << 8 | Math.max(0, luma - 12));
            }
        }
        Path jpeg = dir.resolve("photo.jpg");
        assertTrue(ImageIO.write(photo, "jpeg", jpeg.toFile()), "this JDK writes JPEG");

        int exit = scan("--trust", trust.toString(), "--at", "2026-11-15T00:00:00Z", jpeg.toString());

        assertEquals(0, exit, err.toString());
        assertTrue(lines().get(0).startsWith("{\"file\":\"" + jpeg + "\",\"text\":\"" + text + "\",\"decision\":\"granted\",\"reason\":\"ok\""), out.toString());
    }

    @Test
    void asCamera_readsACameraScene_likeTheDefault() {
        int exit = scan("--as-camera", "--trust", trust.toString(), "--at", "2026-11-15T00:00:00Z", dir.resolve("pass.png").toString());

        assertEquals(0, exit, err.toString());
        assertTrue(lines().get(0).contains("\"decision\":\"granted\""), lines().get(0));
    }

    @Test
    void asCamera_doesNotReadACodeOfOnePixelPerModule_whichTheStillImageFallbackReads() throws Exception {
        // One pixel per module (with its quiet zone): below the 2 px a camera frame's modules need for the
        // finder pre-scan; the still-image path reads it as "nothing but a code" (PURE_BARCODE).
        var modules = new com.google.zxing.qrcode.QRCodeWriter().encode(text, com.google.zxing.BarcodeFormat.QR_CODE, 0, 0,
                java.util.Map.of(com.google.zxing.EncodeHintType.MARGIN, 4));
        int side = modules.getWidth();
        byte[] luma = new byte[side * side];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                luma[y * side + x] = (byte) (modules.get(x, y) ? 0 : 255);
            }
        }
        Path tiny = dir.resolve("tiny.png");
        ImageFrames.writePng(new io.limen.agent.camera.Frame(luma, side, side), tiny);

        assertEquals(0, scan("--trust", trust.toString(), "--at", "2026-11-15T00:00:00Z", tiny.toString()), err.toString());
        assertTrue(lines().get(0).contains("\"decision\":\"granted\""), lines().get(0));
        assertEquals(0, scan("--as-camera", "--trust", trust.toString(), "--at", "2026-11-15T00:00:00Z", tiny.toString()), err.toString());
        assertTrue(lines().get(1).contains("\"reason\":\"no_code\""), lines().get(1));
    }

    @Test
    void expiredAtTheGivenInstant_isDeniedAndStillExitsZero() {
        int exit = scan("--trust", trust.toString(), "--at", "2027-01-01T00:00:00Z", dir.resolve("pass.png").toString());

        assertEquals(0, exit);
        assertTrue(lines().get(0).contains("\"decision\":\"denied\",\"reason\":\"expired\""), out.toString());
        assertTrue(lines().get(0).contains("\"cti\":\"00112233445566778899aabbccddeeff\",\"issuer\":\"https://issuer.example\",\"subject\":\"holder-1\""),
                out.toString());
    }

    @Test
    void textOption_checksWithoutAnImage() {
        int exit = scan("--trust", trust.toString(), "--at", "2026-11-15T00:00:00+01:00", "--text", text, "--text", "HELLO");

        assertEquals(0, exit);
        assertTrue(lines().get(0).startsWith("{\"file\":null,\"text\":\"" + text + "\",\"decision\":\"granted\""), out.toString());
        assertTrue(lines().get(1).contains("\"decision\":\"denied\",\"reason\":\"bad_prefix\""), out.toString());
    }

    @Test
    void imageWithoutCode_hasNoDecision_reasonNoCode_andNullText() throws Exception {
        ImageFrames.writePng(SyntheticScene.withoutCode(3), dir.resolve("empty.png"));

        assertEquals(0, scan("--trust", trust.toString(), dir.resolve("empty.png").toString()));

        assertTrue(lines().get(0).contains("\"text\":null,\"decision\":null,\"reason\":\"no_code\""), out.toString());
        assertTrue(lines().get(0).contains("\"cti\":null,\"issuer\":null,\"subject\":null"), out.toString());
    }

    @Test
    void textWithQuotesAndControlCharacters_isEscapedAsJson() {
        scan("--trust", trust.toString(), "--text", "say \"hi\"\\\n");

        assertTrue(lines().get(0).startsWith("{\"file\":null,\"text\":\"say \\\"hi\\\"\\\\\\n\",\"decision\":\"denied\",\"reason\":\"bad_prefix\""),
                out.toString());
    }

    @Test
    void clockSkewBeyondAnHour_isAUsageErrorNamingTheOption() {
        assertEquals(2, scan("--trust", trust.toString(), "--clock-skew", "3601", "--text", text));
        assertTrue(err.toString().contains("--clock-skew must be within 0..3600000 ms, but was 3601000 ms"), err.toString());
    }

    @Test
    void zoneWithSurroundingBlanks_isAUsageError() {
        assertEquals(2, scan("--trust", trust.toString(), "--zone", " lobby", "--text", text));
        assertTrue(err.toString().contains("--zone must be 1..256 bytes of UTF-8 text on one line, without control characters or blanks"
                + " at either end, but it starts with a blank (U+0020): ' lobby'"), err.toString());
    }

    @Test
    void revokedInTheGivenStore_isDeniedAsRevoked() {
        Path db = dir.resolve("revocations.db");
        try (RevocationStore store = RevocationStore.open(SqliteConnections.file(db))) {
            store.replaceAll(1, List.of(claims.revocationKey()));
        }

        scan("--trust", trust.toString(), "--at", "2026-11-15T00:00:00Z", "--revocations", db.toString(), "--text", text);

        assertTrue(lines().get(0).contains("\"reason\":\"revoked\""), out.toString());
    }

    @Test
    void otherZone_isDeniedAsWrongZone() {
        scan("--trust", trust.toString(), "--at", "2026-11-15T00:00:00Z", "--zone", "garage", "--text", text);

        assertTrue(lines().get(0).contains("\"reason\":\"wrong_zone\""), out.toString());
    }

    @Test
    void unreadableImage_printsAnErrorLine_checksTheRest_andExitsOne() throws Exception {
        Path notAnImage = Files.writeString(dir.resolve("notes.png"), "not an image");

        int exit = scan("--trust", trust.toString(), "--at", "2026-11-15T00:00:00Z", notAnImage.toString(), dir.resolve("pass.png").toString());

        assertEquals(1, exit);
        assertTrue(lines().get(0).startsWith("{\"file\":\"" + notAnImage + "\",\"error\":"), out.toString());
        assertTrue(lines().get(1).contains("\"decision\":\"granted\""), out.toString());
    }

    @Test
    void missingTrustFile_exitsOneNamingIt() {
        int exit = scan("--trust", dir.resolve("absent.pem").toString(), "--text", text);

        assertEquals(1, exit);
        assertEquals("scan: no such file: " + dir.resolve("absent.pem"), err.toString().strip());
        assertEquals("", out.toString());
    }

    @Test
    void trustFileWithoutKeys_isOneLineNamingTheFile_exitOne_withoutTheUsageText() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "nothing here\n");

        assertEquals(1, scan("--trust", empty.toString(), "--text", text));

        assertEquals("scan: " + empty + ": trust file must hold at least one PEM PUBLIC KEY block, but holds none", err.toString().strip());
        assertEquals("", out.toString());
    }

    @Test
    void trustFileWithABrokenBlock_isOneLineNamingFileBlockAndLine_exitOne() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.pem"), Files.readString(trust).replace("-----END PUBLIC KEY-----", ""));

        assertEquals(1, scan("--trust", broken.toString(), "--text", text));

        assertEquals("scan: " + broken + ": PEM block 1 (PUBLIC KEY, BEGIN on line 1) has no END line", err.toString().strip());
    }

    @Test
    void zoneTypedDecomposed_matchesTheCredentialsComposedZone() throws Exception {
        IssuerKey key = IssuerKey.generate(CoseAlgorithm.EDDSA, new SecureRandom());
        Path cafeTrust = Files.writeString(dir.resolve("cafe.pem"), key.publicKeyPem());
        String cafe = new CredentialIssuer(key).issue(new Claims("https://issuer.example", "holder-1", ISSUED, Optional.empty(), EXPIRES,
                CredentialId.fromHex("01"), Optional.empty(), List.of("caf\u00E9"), Optional.empty()));

        assertEquals(0, scan("--trust", cafeTrust.toString(), "--at", "2026-11-15T00:00:00Z", "--zone", "cafe\u0301", "--text", cafe));

        assertTrue(lines().get(0).contains("\"decision\":\"granted\""), out.toString());
    }

    @Test
    void zoneWithATrailingBlank_isAUsageError_notEveryPassDeniedAsWrongZone() {
        assertEquals(2, scan("--trust", trust.toString(), "--zone", "lobby ", "--text", text));

        assertTrue(err.toString().contains("--zone must be 1..256 bytes of UTF-8 text on one line, without control characters or blanks at"
                + " either end, but it ends with a blank (U+0020): 'lobby '"), err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void badInstant_isAUsageErrorNamingTheValue() {
        assertEquals(2, scan("--trust", trust.toString(), "--at", "yesterday", "--text", text));
        assertTrue(err.toString().contains("'yesterday' is not an ISO-8601 instant"), err.toString());
    }

    @Test
    void nothingToScan_isAUsageError() {
        assertEquals(2, scan("--trust", trust.toString()));
        assertTrue(err.toString().contains("give at least one FILE or --text TEXT"), err.toString());
    }

    @Test
    void missingRevocationStore_exitsOneNamingIt_andCreatesNoFile() {
        Path db = dir.resolve("typo.db");

        assertEquals(1, scan("--trust", trust.toString(), "--revocations", db.toString(), "--text", text));

        assertTrue(Files.notExists(db));
    }

    @Test
    void foreignRevocationStore_exitsOneWithALineNamingIt_andIsLeftByteIdentical() throws Exception {
        // Another program's table: no primary key, the same key twice, in the default journal mode.
        Path db = dir.resolve("foreign.db");
        try (Connection c = SqliteConnections.file(db).open(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE revoked(key BLOB)");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO revoked(key) VALUES (?)")) {
                for (int i = 0; i < 2; i++) {
                    insert.setBytes(1, claims.revocationKey().toBytes());
                    insert.executeUpdate();
                }
            }
        }
        byte[] before = Files.readAllBytes(db);

        int exit = scan("--trust", trust.toString(), "--revocations", db.toString(), "--text", text);

        assertEquals(1, exit);
        assertEquals(List.of("scan: revocation store " + db.toAbsolutePath() + " has a revoked table of another shape:"
                + " expected revoked(key BLOB PRIMARY KEY), but found revoked(key BLOB)"), err.toString().lines().toList());
        assertEquals("", out.toString());
        assertArrayEquals(before, Files.readAllBytes(db));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().startsWith("foreign.db-")).toList());
        }
    }
}
