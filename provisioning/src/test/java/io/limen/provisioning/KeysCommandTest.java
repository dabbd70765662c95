package io.limen.provisioning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.format.credential.IssuerKey;
import io.limen.format.cose.KeyId;
import io.limen.format.cose.Pem;
import io.limen.format.credential.TrustStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeysCommandTest {

    private static final Pattern KID = Pattern.compile("kid\\s+([0-9a-f]{16})");

    @TempDir
    Path dir;

    @Test
    void keys_writesOwnerOnlyPrivateKeyAndWorldReadableTrustFile() throws Exception {
        Cli.Result result = Cli.run("keys", "--out", dir.toString());

        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("issuer.key"))));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("trust.pem"))));
        assertTrue(result.out().contains(dir.resolve("issuer.key").toAbsolutePath().toString()), result.out());
        assertTrue(result.out().contains(dir.resolve("trust.pem").toAbsolutePath().toString()), result.out());
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary files are left behind");
        }
    }

    @ParameterizedTest
    @CsvSource({"ed25519, Ed25519, 1.3.101.112", "p256, EC, 1.2.840.10045.2.1", "P256, EC, 1.2.840.10045.2.1"})
    void keys_trustFileIsSpkiPem_thatTheJdkAndTheTerminalRead(String alg, String jdkAlgorithm, String oid) throws Exception {
        Cli.Result result = Cli.run("keys", "--alg", alg, "--out", dir.toString());
        assertEquals(0, result.exitCode(), result.toString());

        List<Pem.Block> blocks = Pem.read(Files.readString(dir.resolve("trust.pem"), StandardCharsets.US_ASCII));
        assertEquals(1, blocks.size());
        assertEquals("PUBLIC KEY", blocks.get(0).label());
        PublicKey jdkKey = KeyFactory.getInstance(jdkAlgorithm).generatePublic(new X509EncodedKeySpec(blocks.get(0).der()));
        assertArrayEquals(blocks.get(0).der(), jdkKey.getEncoded(), "the JDK re-encodes it to the same DER SPKI");
        assertEquals(oid, org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(blocks.get(0).der()).getAlgorithm().getAlgorithm().getId());

        TrustStore trust = TrustStore.load(dir.resolve("trust.pem"));
        KeyId kid = KeyId.ofSpki(blocks.get(0).der());
        assertEquals(1, trust.keysFor(kid).size());
        assertEquals(kid.toHex(), printedKid(result));
    }

    @ParameterizedTest
    @CsvSource({"ed25519, Ed25519", "p256, EC"})
    void keys_privateKeyIsPkcs8Version1_asOpenSsl30Needs_andTheJdkReads(String alg, String jdkAlgorithm) throws Exception {
        assertEquals(0, Cli.run("keys", "--alg", alg, "--out", dir.toString()).exitCode());

        String pem = Files.readString(dir.resolve("issuer.key"), StandardCharsets.US_ASCII);
        byte[] der = Pem.read(pem).get(0).der();
        // OpenSSL 3.0 refuses version 2 (RFC 5958, public key attached) Ed25519 keys.
        assertEquals(0, PrivateKeyInfo.getInstance(der).getVersion().intValueExact());
        KeyFactory.getInstance(jdkAlgorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        IssuerKey key = IssuerKey.load(dir.resolve("issuer.key"));
        assertEquals(TrustStore.load(dir.resolve("trust.pem")).keys().get(0).keyId(), key.keyId());
    }

    @Test
    void keys_withIssuer_bindsTheKeyToItInTheTrustFile() throws Exception {
        Cli.Result result = Cli.run("keys", "--issuer", "https://acme.example", "--out", dir.toString());

        assertEquals(0, result.exitCode(), result.toString());
        String pem = Files.readString(dir.resolve("trust.pem"), StandardCharsets.UTF_8);
        assertTrue(pem.startsWith("Issuer: https://acme.example\n-----BEGIN PUBLIC KEY-----\n"), pem);
        TrustStore trust = TrustStore.load(dir.resolve("trust.pem"));
        assertEquals(java.util.Optional.of("https://acme.example"), trust.keys().get(0).issuer());
        assertTrue(result.out().contains("issuer   https://acme.example"), result.out());
    }

    @Test
    void keys_withoutIssuer_writesPlainPem_trustedForAnyIssuer() throws Exception {
        assertEquals(0, Cli.run("keys", "--out", dir.toString()).exitCode());

        assertTrue(Files.readString(dir.resolve("trust.pem")).startsWith("-----BEGIN PUBLIC KEY-----\n"));
        assertEquals(java.util.Optional.empty(), TrustStore.load(dir.resolve("trust.pem")).keys().get(0).issuer());
    }

    @Test
    void keys_blankIssuer_isAUsageErrorNamingTheOption_andWritesNothing() throws Exception {
        Cli.Result result = Cli.run("keys", "--issuer", " ", "--out", dir.toString());

        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.err().contains("--issuer must be 1..256 bytes of UTF-8 text on one line, without control characters or blanks"
                + " at either end, but it starts with a blank (U+0020): ' '"), result.err());
        assertEquals(1, result.err().lines().count(), result.err());
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void keys_refusesToOverwriteAnExistingKey_andLeavesItUntouched() throws Exception {
        assertEquals(0, Cli.run("keys", "--out", dir.toString()).exitCode());
        byte[] before = Files.readAllBytes(dir.resolve("issuer.key"));

        Cli.Result again = Cli.run("keys", "--out", dir.toString());

        assertEquals(1, again.exitCode(), again.toString());
        assertTrue(again.err().contains(dir.resolve("issuer.key").toString()) && again.err().contains("--force"), again.err());
        assertEquals(1, again.err().lines().count(), "one line, no stack trace: " + again.err());
        assertArrayEquals(before, Files.readAllBytes(dir.resolve("issuer.key")));
    }

    @Test
    void keys_refusesWhenOnlyTheTrustFileExists() throws Exception {
        Files.writeString(dir.resolve("trust.pem"), "an older trust file");

        Cli.Result result = Cli.run("keys", "--out", dir.toString());

        assertEquals(1, result.exitCode(), result.toString());
        assertFalse(Files.exists(dir.resolve("issuer.key")));
    }

    @Test
    void keys_withForce_replacesTheKey() throws Exception {
        String first = printedKid(Cli.run("keys", "--out", dir.toString()));

        Cli.Result second = Cli.run("keys", "--force", "--out", dir.toString());

        assertEquals(0, second.exitCode(), second.toString());
        assertNotEquals(first, printedKid(second));
        assertEquals(printedKid(second), IssuerKey.load(dir.resolve("issuer.key")).keyId().toHex());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("issuer.key"))));
    }

    @Test
    void keys_createsAMissingOutputDirectory_ownerOnly() throws Exception {
        Path out = dir.resolve("fleet/keys");

        assertEquals(0, Cli.run("keys", "--out", out.toString()).exitCode());

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
        assertTrue(Files.exists(out.resolve("issuer.key")));
    }

    @Test
    void keys_unknownAlgorithm_isAUsageErrorNamingTheOption() {
        Cli.Result result = Cli.run("keys", "--alg", "rsa", "--out", dir.toString());

        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.err().contains("--alg"), result.err());
        assertEquals(1, result.err().lines().count(), result.err());
    }

    private static String printedKid(Cli.Result result) {
        Matcher m = KID.matcher(result.out());
        assertTrue(m.find(), result.out());
        return m.group(1);
    }
}
