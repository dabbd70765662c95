package io.limen.agent.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.format.credential.RevocationKey;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a real process in the middle of applying list updates: afterwards the store holds
 * exactly one whole version, at least the last one the process reported committed, with exactly that
 * version's keys (no half-applied snapshot or delta), and it takes the next update.
 */
class RevocationKillTest {

    /** Committed versions to see before the kill: snapshots and deltas, with updates in flight. */
    private static final int REPORTED_BEFORE_KILL = 25;

    @TempDir
    Path dir;

    @Test
    void sigkillMidUpdates_leavesOneWholeVersion_atLeastTheLastReported() throws Exception {
        Path file = dir.resolve("revocations.db");
        Path err = dir.resolve("child-err.txt");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                RevocationKillChild.class.getName(), file.toString())
                .redirectError(err.toFile()).start();
        long[] lastReported = {0};
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII));
                String line;
                while (lastReported[0] < REPORTED_BEFORE_KILL && (line = lines.readLine()) != null) {
                    lastReported[0] = Long.parseLong(line);
                }
                Process kill = new ProcessBuilder("kill", "-KILL", Long.toString(child.pid())).inheritIO().start();
                assertEquals(0, kill.waitFor());
                assertTrue(child.waitFor(30, TimeUnit.SECONDS));
                while ((line = lines.readLine()) != null) {
                    if (!line.isEmpty() && line.chars().allMatch(Character::isDigit)) {
                        lastReported[0] = Long.parseLong(line);
                    }
                }
            }, () -> "child stderr: " + read(err));
        } finally {
            child.destroyForcibly();
        }
        assertEquals(137, child.exitValue(), "killed by SIGKILL (128 + 9); stderr: " + read(err));
        assertTrue(lastReported[0] >= REPORTED_BEFORE_KILL, "reported only up to " + lastReported[0]);

        try (RevocationIndex index = RevocationIndex.open(SqliteConnections.file(file), Instant.now())) {
            assertEquals(Optional.empty(), index.damage());
            FilteredRevocations found = index.current();
            long version = found.version();
            assertTrue(version >= lastReported[0], "version " + version + " is older than the reported " + lastReported[0]);
            TreeSet<RevocationKey> expected = new TreeSet<>();
            for (long v = 1; v <= version; v++) {
                RevocationKillChild.next(v, expected);
            }
            assertEquals(expected, keysIn(file), "exactly version " + version + "'s keys");
            assertEquals(expected.size(), found.size());
            for (RevocationKey key : expected) {
                assertTrue(found.contains(key), key::toString);
            }
            // Whole and writable: the next version goes in.
            RevocationKillChild.Update next = RevocationKillChild.next(version + 1, expected);
            if (next.snapshot()) {
                index.replaceAll(version + 1, next.added());
            } else {
                index.applyDelta(version + 1, next.added(), next.removed());
            }
            assertEquals(expected, keysIn(file));
        }
    }

    private static TreeSet<RevocationKey> keysIn(Path file) throws Exception {
        TreeSet<RevocationKey> keys = new TreeSet<>();
        try (Connection c = SqliteConnections.readOnly(file).open(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT key FROM revoked")) {
            while (rs.next()) {
                keys.add(RevocationKey.fromBytes(rs.getBytes(1)));
            }
        }
        return keys;
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
