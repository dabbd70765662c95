package io.limen.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeFilesTest {

    @TempDir
    Path dir;

    @Test
    void writeWithoutReplace_refusesAFileThatAppeared_andLeavesItAsItWas() throws Exception {
        Path key = Files.writeString(dir.resolve("issuer.key"), "the only copy of someone's key");

        ProvisioningException e = assertThrows(ProvisioningException.class,
                () -> SafeFiles.write(key, "new".getBytes(StandardCharsets.US_ASCII), SafeFiles.OWNER_ONLY, false));

        assertEquals(key + " already exists; refusing to overwrite it (use --force to replace it)", e.getMessage());
        assertEquals("the only copy of someone's key", Files.readString(key));
        assertEquals(1, countFiles(), "no temporary file is left behind");
    }

    @Test
    void writeWithReplace_replacesWhole_withTheGivenPermissions() throws Exception {
        Path key = Files.writeString(dir.resolve("issuer.key"), "old");

        SafeFiles.write(key, "new".getBytes(StandardCharsets.US_ASCII), SafeFiles.OWNER_ONLY, true);

        assertEquals("new", Files.readString(key));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertEquals(1, countFiles());
    }

    @Test
    void writeOfANewFile_createsIt() throws Exception {
        Path trust = dir.resolve("trust.pem");

        SafeFiles.write(trust, "pem".getBytes(StandardCharsets.US_ASCII), SafeFiles.WORLD_READABLE, false);

        assertEquals("pem", Files.readString(trust));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(trust)));
    }

    private long countFiles() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }

    @Test
    void writeAll_whenALaterFileIsRefused_takesBackTheNewOnesBeforeIt() throws Exception {
        Path key = dir.resolve("issuer.key");
        Path trust = Files.writeString(dir.resolve("trust.pem"), "appeared meanwhile");

        assertThrows(ProvisioningException.class, () -> SafeFiles.writeAll(false,
                new SafeFiles.Content(key, "key".getBytes(StandardCharsets.US_ASCII), SafeFiles.OWNER_ONLY),
                new SafeFiles.Content(trust, "pem".getBytes(StandardCharsets.US_ASCII), SafeFiles.WORLD_READABLE)));

        assertEquals(false, Files.exists(key), "half a key pair is taken back");
        assertEquals("appeared meanwhile", Files.readString(trust));
    }
}
