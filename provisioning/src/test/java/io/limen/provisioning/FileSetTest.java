package io.limen.provisioning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.format.credential.IssuerKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A set of files (issuer.key and trust.pem; PREFIX.png and PREFIX.txt) appears whole or not at all:
 * when any step fails, and when the process is killed at any step (the next run undoes it).
 */
class FileSetTest {

    @TempDir
    Path dir;

    /** Fails the Nth change to the disk, for every N until a run gets through (SQLite's way). */
    @Test
    void keysForce_failingAtEveryStep_leavesTheOldPairOrTheNewPair_neverAMix_andNoTemporaryFile() throws Exception {
        Path keys = dir.resolve("keys");
        assertEquals(0, Cli.run("keys", "--out", keys.toString()).exitCode());
        byte[] oldKey = Files.readAllBytes(keys.resolve("issuer.key"));
        byte[] oldTrust = Files.readAllBytes(keys.resolve("trust.pem"));

        int failures = 0;
        for (int n = 1; ; n++) {
            AtomicInteger calls = new AtomicInteger();
            int failAt = n;
            Cli.Result result = Cli.run(step -> {
                if (calls.incrementAndGet() == failAt) {
                    throw new IOException("injected failure before " + step);
                }
            }, "keys", "--force", "--out", keys.toString());
            if (calls.get() < failAt) {
                assertEquals(0, result.exitCode(), result.toString());
                break;
            }
            if (result.exitCode() == 0) {
                // Only the temporary folder's deletion may fail after the commit: a note, and the new pair stands.
                assertTrue(result.err().contains("could not be deleted"), result.toString());
                assertNewPair(keys, oldKey);
                Cli.Result next = Cli.run("keys", "--out", keys.toString());
                assertTrue(next.err().contains("deleted " + keys.resolve(".limen-set-")), next.toString());
            } else {
                failures++;
                assertEquals(1, result.exitCode(), result.toString());
                assertTrue(result.err().contains("injected failure"), result.toString());
                assertArrayEquals(oldKey, Files.readAllBytes(keys.resolve("issuer.key")), "step " + n + ": " + result);
                assertArrayEquals(oldTrust, Files.readAllBytes(keys.resolve("trust.pem")), "step " + n + ": " + result);
            }
            assertEquals(List.of("issuer.key", "trust.pem"), names(keys), "step " + n);
        }
        assertTrue(failures >= 6, "the steps were swept: " + failures);
    }

    @Test
    void issue_failingAtEveryStep_leavesBothFilesOrNeither() throws Exception {
        assertEquals(0, Cli.run("keys", "--out", dir.resolve("keys").toString()).exitCode());
        Path out = dir.resolve("out");
        for (int n = 1; ; n++) {
            AtomicInteger calls = new AtomicInteger();
            int failAt = n;
            Cli.Result result = Cli.run(step -> {
                if (calls.incrementAndGet() == failAt) {
                    throw new IOException("injected failure before " + step);
                }
            }, "issue", "--key", dir.resolve("keys/issuer.key").toString(), "--issuer", "iss", "--subject", "sub",
                    "--out", out.resolve("ada").toString());
            if (calls.get() < failAt) {
                assertEquals(List.of("ada.png", "ada.txt"), names(out));
                break;
            }
            List<String> placed = names(out).stream().filter(name -> !name.startsWith(".limen-set-")).toList();
            assertEquals(result.exitCode() == 0 ? List.of("ada.png", "ada.txt") : List.of(), placed, "step " + n + ": " + result);
            new FileSet(out, FileSet.Steps.NONE, note -> { }).recover(List.of("ada.png", "ada.txt"));  // what a failed clean-up left
            assertEquals(placed, names(out));
            deleteSet(out);
        }
    }

    @Test
    void rerun_besideHalfAPair_saysExactlyWhatIsThere() throws Exception {
        Files.writeString(dir.resolve("issuer.key"), "a key whose trust file is gone");

        Cli.Result result = Cli.run("keys", "--out", dir.toString());

        assertEquals(1, result.exitCode(), result.toString());
        assertTrue(result.err().startsWith("limen provision keys: " + dir.resolve("issuer.key") + " exists without trust.pem"), result.err());
        assertTrue(result.err().contains("openssl pkey -in issuer.key -pubout"), result.err());
        assertEquals("a key whose trust file is gone", Files.readString(dir.resolve("issuer.key")));
    }

    @Test
    void oldVersionsTemporaryFiles_areSweptByTheNextRun() throws Exception {
        Files.writeString(dir.resolve(".issuer.key4711.tmp"), "a private key an older version left when killed");

        Cli.Result result = Cli.run("keys", "--out", dir.toString());

        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.err().contains("deleted " + dir.resolve(".issuer.key4711.tmp")), result.err());
        assertEquals(List.of("issuer.key", "trust.pem"), names(dir));
    }

    /**
     * A real child process killed with SIGKILL before each step of {@code keys --force} over an
     * existing pair; the next run finds the old pair or the new one, whole, and no copy of a key.
     */
    @ParameterizedTest
    @ValueSource(strings = {"write trust.pem", "place trust.pem", "clean up"})
    void keysForce_killedBeforeAStep_theNextRunFindsOnePairWhole(String step) throws Exception {
        Path keys = dir.resolve("keys");
        assertEquals(0, Cli.run("keys", "--out", keys.toString()).exitCode());
        byte[] oldKey = Files.readAllBytes(keys.resolve("issuer.key"));
        byte[] oldTrust = Files.readAllBytes(keys.resolve("trust.pem"));

        killBefore(step, "keys", "--force", "--out", keys.toString());
        Cli.Result next = Cli.run("keys", "--out", keys.toString());

        assertEquals(1, next.exitCode(), "the pair is there, so a run without --force refuses: " + next);
        assertTrue(next.err().contains(keys.resolve(".limen-set-").toString()), "it says what it undid: " + next.err());
        assertEquals(List.of("issuer.key", "trust.pem"), names(keys), "no temporary folder or key copy is left");
        if (step.equals("clean up")) {
            assertNewPair(keys, oldKey);
        } else {
            assertArrayEquals(oldKey, Files.readAllBytes(keys.resolve("issuer.key")), step);
            assertArrayEquals(oldTrust, Files.readAllBytes(keys.resolve("trust.pem")), step);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = "place ada.txt")
    void issue_killedBeforeAStep_theNextRunFindsNeitherFile(String step) throws Exception {
        assertEquals(0, Cli.run("keys", "--out", dir.resolve("keys").toString()).exitCode());
        Path out = dir.resolve("out");
        String[] issue = {"issue", "--key", dir.resolve("keys/issuer.key").toString(), "--issuer", "iss", "--subject", "sub",
            "--out", out.resolve("ada").toString()};

        killBefore(step, issue);
        Cli.Result next = Cli.run(issue);

        assertEquals(0, next.exitCode(), "the rerun undoes the half set and issues: " + next);
        assertTrue(next.err().contains(out.resolve(".limen-set-").toString()), next.err());
        assertEquals(List.of("ada.png", "ada.txt"), names(out));
    }

    private void killBefore(String step, String... args) throws Exception {
        String[] all = Stream.concat(Stream.of(step), Stream.of(args)).toArray(String[]::new);
        Process child = ChildJvm.command(dir, Map.of(), PausingProvision.class.getName(), all).start();
        try (BufferedReader err = new BufferedReader(new InputStreamReader(child.getErrorStream(), StandardCharsets.UTF_8))) {
            String line = err.readLine();
            assertEquals("paused before " + step, line, "the child reached the step");
            child.destroyForcibly();  // SIGKILL on Unix: no shutdown hook, no finally
            assertEquals(137, child.waitFor(), "killed by SIGKILL");
        }
    }

    private static void assertNewPair(Path keys, byte[] oldKey) throws Exception {
        IssuerKey key = IssuerKey.load(keys.resolve("issuer.key"));
        assertFalse(java.util.Arrays.equals(oldKey, Files.readAllBytes(keys.resolve("issuer.key"))));
        assertEquals(key.publicKeyPem(), Files.readString(keys.resolve("trust.pem")), "the trust file is the new key's");
    }

    private static void deleteSet(Path out) throws IOException {
        Files.deleteIfExists(out.resolve("ada.png"));
        Files.deleteIfExists(out.resolve("ada.txt"));
    }

    private static List<String> names(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
