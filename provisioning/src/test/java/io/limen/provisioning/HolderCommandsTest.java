package io.limen.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.limen.format.cose.SigningKey;
import io.limen.format.credential.Credential;
import io.limen.format.credential.CredentialVerifier;
import io.limen.format.credential.TrustStore;
import io.limen.format.credential.Verification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The holder side: {@code holder-keys}, {@code issue --holder-key} and {@code present}, end to end with real keys and files. */
class HolderCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern KID = Pattern.compile("kid\\s+([0-9a-f]{16})");

    @TempDir
    Path dir;

    private Path keys;
    private Path holder;

    @BeforeEach
    void issuerAndHolder() {
        keys = dir.resolve("keys");
        holder = dir.resolve("holder");
        assertEquals(0, Cli.run("keys", "--out", keys.toString()).exitCode());
    }

    private Cli.Result holderKeys(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("holder-keys", "--out", holder.toString()));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    private Cli.Result issueBound(String holderKeyFile) {
        return Cli.run("issue", "--key", keys.resolve("issuer.key").toString(), "--issuer", "https://acme.example", "--subject", "p-7",
                "--holder-key", holderKeyFile, "--out", dir.resolve("ada").toString());
    }

    private Verification verify(String text) throws Exception {
        TrustStore trust = TrustStore.load(keys.resolve("trust.pem"));
        return new CredentialVerifier(() -> trust, Duration.ofSeconds(60)).verify(text, Cli.NOW);
    }

    @Test
    void holderKeys_writesAnOwnerOnlyPrivateKeyAndItsPublicKey_andPrintsTheKid() throws Exception {
        Cli.Result result = holderKeys("--alg", "p256");

        assertEquals(0, result.exitCode(), result.toString());
        SigningKey key = SigningKey.fromPem(Files.readString(holder.resolve("holder.key")), "holder.key");
        assertEquals(key.verifyingKey().toPem(), Files.readString(holder.resolve("holder.pub")));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(holder.resolve("holder.key"))));
        Matcher kid = KID.matcher(result.out());
        assertTrue(kid.find(), result.out());
        assertEquals(key.keyId().toHex(), kid.group(1));
        assertEquals(1, holderKeys().exitCode(), "an existing pair is not replaced without --force");
    }

    @Test
    void issueWithHolderKey_bindsTheCredentialToIt_andPresentMakesACodeTerminalsAccept() throws Exception {
        assertEquals(0, holderKeys().exitCode());
        Cli.Result issued = issueBound(holder.resolve("holder.pub").toString());
        assertEquals(0, issued.exitCode(), issued.toString());
        SigningKey holderKey = SigningKey.fromPem(Files.readString(holder.resolve("holder.key")), "holder.key");
        assertEquals(holderKey.keyId().toHex(), JSON.readTree(issued.out()).get("holder_kid").asText());
        Credential credential = assertInstanceOf(Verification.Verified.class, verify(Files.readString(dir.resolve("ada.txt")))).credential();
        assertEquals(holderKey.verifyingKey(), credential.claims().holderKey().orElseThrow().verifyingKey());

        Cli.Result presented = Cli.run("present", "--credential", dir.resolve("ada.txt").toString(),
                "--holder-key", holder.resolve("holder.key").toString(), "--out", dir.resolve("now").toString());

        assertEquals(0, presented.exitCode(), presented.toString());
        JsonNode line = JSON.readTree(presented.out());
        assertEquals(Cli.NOW.toString(), line.get("signed_at").asText());
        String code = Files.readString(dir.resolve("now.txt"));
        assertTrue(code.startsWith("LQ1:"), code);
        assertEquals(code, decodeQr(dir.resolve("now.png")));
        Credential shown = assertInstanceOf(Verification.Verified.class, verify(code)).credential();
        assertEquals(Cli.NOW, shown.presentation().orElseThrow().signedAt());
    }

    @Test
    void issueWithTheHolderPrivateKey_isRefused_theIssuerNeverNeedsIt() {
        assertEquals(0, holderKeys().exitCode());
        Cli.Result result = issueBound(holder.resolve("holder.key").toString());

        assertEquals(1, result.exitCode(), result.toString());
        assertTrue(result.err().contains("holds a private key, but --holder-key takes the holder's PUBLIC key"), result.err());
        assertTrue(Files.notExists(dir.resolve("ada.txt")));
    }

    @Test
    void present_withAnotherHoldersKey_orAnUnboundCredential_isRefusedNamingWhy() throws Exception {
        assertEquals(0, holderKeys().exitCode());
        assertEquals(0, issueBound(holder.resolve("holder.pub").toString()).exitCode());
        Path other = dir.resolve("other");
        assertEquals(0, Cli.run("holder-keys", "--out", other.toString()).exitCode());

        Cli.Result wrongKey = Cli.run("present", "--credential", dir.resolve("ada.txt").toString(),
                "--holder-key", other.resolve("holder.key").toString(), "--out", dir.resolve("x").toString());
        assertEquals(1, wrongKey.exitCode(), wrongKey.toString());
        assertTrue(wrongKey.err().contains("is bound to holder key"), wrongKey.err());

        assertEquals(0, Cli.run("issue", "--key", keys.resolve("issuer.key").toString(), "--issuer", "https://acme.example",
                "--subject", "p-8", "--out", dir.resolve("bob").toString()).exitCode());
        Cli.Result unbound = Cli.run("present", "--credential", dir.resolve("bob.txt").toString(),
                "--holder-key", holder.resolve("holder.key").toString(), "--out", dir.resolve("y").toString());
        assertEquals(1, unbound.exitCode(), unbound.toString());
        assertTrue(unbound.err().contains("names no holder key"), unbound.err());
        assertTrue(Files.notExists(dir.resolve("x.txt")) && Files.notExists(dir.resolve("y.txt")));
    }

    @Test
    void presentWatch_drawsAFreshCodeInTheTerminal() throws Exception {
        assertEquals(0, holderKeys().exitCode());
        assertEquals(0, issueBound(holder.resolve("holder.pub").toString()).exitCode());

        Cli.Result watched = Cli.run("present", "--credential", dir.resolve("ada.txt").toString(),
                "--holder-key", holder.resolve("holder.key").toString(), "--watch", "2", "--count", "1");

        assertEquals(0, watched.exitCode(), watched.toString());
        assertTrue(watched.out().contains("█") && watched.out().contains("signed " + Cli.NOW + "; a new code every 2 s"), watched.out());
    }

    @Test
    void present_withoutOutOrWatch_isAUsageError() {
        Cli.Result result = Cli.run("present", "--credential", "a.txt", "--holder-key", "holder.key");
        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.err().contains("either --out PREFIX"), result.err());
    }

    private static String decodeQr(Path png) throws Exception {
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(ImageIO.read(png.toFile()))));
        return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
    }

    @Test
    void boundCredential_stillVerifiesAsAStaticCode() throws Exception {
        // Binding a credential does not stop it working where static codes are welcome.
        assertEquals(0, holderKeys().exitCode());
        assertEquals(0, issueBound(holder.resolve("holder.pub").toString()).exitCode());
        assertInstanceOf(Verification.Verified.class, verify(Files.readString(dir.resolve("ada.txt"))));
    }
}
