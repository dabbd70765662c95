package io.limen.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code issue --key} with key files other tools write or people mistreat (issue 5, item 16): one line
 * naming the file and what is wrong with it, exit 1, nothing written.
 */
class IssuerKeyFileTest {

    /** A P-256 key as {@code openssl ecparam -name prime256v1 -genkey -noout} writes it (SEC1), made for this test only. */
    private static final String SEC1 = """
            -----BEGIN EC PRIVATE KEY-----
            MHcCAQEEINNIVMricxeHT2RjXXkFZdu9GnBVpcPbvFVqbBVdGDGzoAoGCCqGSM49
            AwEHoUQDQgAE9cV/OvNqhPmiMTWB6yrOow7qyTY7o49NCTHrn0X2uA1vgTLxLRBu
            dtxM1xdxOQ6/B7OEx7Pl3hJEzvip474ypA==
            -----END EC PRIVATE KEY-----
            """;

    @TempDir
    Path dir;
    Path key;

    @BeforeEach
    void makeKeys() {
        assertEquals(0, Cli.run("keys", "--out", dir.resolve("keys").toString()).exitCode());
        key = dir.resolve("keys/issuer.key");
    }

    @Test
    void sec1KeyFile_isNamedAsSuch_withTheConversion() throws Exception {
        Path sec1 = ownerOnly(Files.writeString(dir.resolve("ec.key"), SEC1));

        Cli.Result result = issueWith(sec1);

        assertFailure(result, sec1 + ": holds a SEC1 'EC PRIVATE KEY' block (as openssl ecparam -genkey writes it), but a key file must be"
                + " PKCS#8 'PRIVATE KEY': convert it with openssl pkcs8 -topk8 -nocrypt -in FILE -out NEW-FILE");
    }

    @Test
    void keyFileReadableByOthers_isRefusedSayingHowToFixIt() throws Exception {
        assumeTrue(FileSet.posix(), "file modes");
        for (String mode : new String[] {"rw-rw-rw-", "rw-r--r--", "rw-r-----"}) {
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString(mode));

            Cli.Result result = issueWith(key);

            assertFailure(result, key + ": an issuer key must be accessible by its owner only, but its mode is " + mode + ": run chmod 600 "
                    + key + " (and if others could read it, treat the key as leaked: make a new one)");
        }
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("r--------"));
        assertEquals(0, issueWith(key).exitCode(), "0400 is owner-only too");
    }

    @Test
    void directoryGivenAsKey_saysWhichFileToGive() {
        Cli.Result result = issueWith(dir.resolve("keys"));

        assertFailure(result, dir.resolve("keys") + ": cannot read the issuer key: not a regular file but a directory (give the key file, e.g. "
                + key + ")");
    }

    @Test
    void brokenPem_namesTheFile() throws Exception {
        Path broken = ownerOnly(Files.writeString(dir.resolve("broken.key"), Files.readString(key).replace("-----END PRIVATE KEY-----", "")));

        assertFailure(issueWith(broken), broken + ": not a readable PEM key file: PEM block 1 (PRIVATE KEY, BEGIN on line 1) has no END line");
    }

    private Cli.Result issueWith(Path keyFile) {
        return Cli.run("issue", "--key", keyFile.toString(), "--issuer", "acme", "--subject", "s", "--out", dir.resolve("a").toString(), "--force");
    }

    private static Path ownerOnly(Path file) throws Exception {
        if (FileSet.posix()) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        return file;
    }

    private void assertFailure(Cli.Result result, String message) {
        assertEquals(1, result.exitCode(), result.toString());
        assertEquals("limen provision issue: " + message, result.err().strip());
        assertFalse(Files.exists(dir.resolve("a.png")));
        assertTrue(result.out().isEmpty(), result.out());
    }
}
