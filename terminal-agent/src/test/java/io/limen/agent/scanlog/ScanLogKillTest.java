package io.limen.agent.scanlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.agent.revocation.SqliteConnections;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a real terminal process mid-burst: every sequence number it reported durable is in
 * the file afterwards, in order, with no gap before it, and a restarted writer numbers on from there.
 */
class ScanLogKillTest {

    /** Durable groups to see before the kill: well into the burst, a second or so. */
    private static final int REPORTED_BEFORE_KILL = 3000;

    @TempDir
    Path dir;

    @Test
    void sigkillMidBurst_everySequenceReportedDurable_isInTheFile_inOrder_withoutGaps() throws Exception {
        Path file = dir.resolve("scanlog.db");
        Path err = dir.resolve("child-err.txt");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                ScanLogChild.class.getName(), file.toString())
                .redirectError(err.toFile()).start();
        List<Long> reported = new ArrayList<>();
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII));
                String line;
                while (reported.size() < REPORTED_BEFORE_KILL && (line = lines.readLine()) != null) {
                    reported.add(Long.parseLong(line));
                }
                // kill -9 itself (Process.destroyForcibly would also close our end of the pipe).
                Process kill = new ProcessBuilder("kill", "-KILL", Long.toString(child.pid())).inheritIO().start();
                assertEquals(0, kill.waitFor());
                assertTrue(child.waitFor(30, TimeUnit.SECONDS));
                // What it printed before it died is still in the pipe: durable too.
                while ((line = lines.readLine()) != null) {
                    if (!line.isEmpty() && line.chars().allMatch(Character::isDigit)) {
                        reported.add(Long.parseLong(line));
                    }
                }
            }, () -> "child stderr: " + read(err));
        } finally {
            child.destroyForcibly();
        }
        assertEquals(137, child.exitValue(), "killed by SIGKILL (128 + 9); stderr: " + read(err));
        assertTrue(reported.size() >= REPORTED_BEFORE_KILL, "the child reported only " + reported.size() + "; stderr: " + read(err));
        assertEquals(Scans.range(1, reported.size()), reported, "reported in order, from 1");

        List<Long> inFile = Scans.sequences(file);
        long last = inFile.get(inFile.size() - 1);
        assertTrue(last >= reported.get(reported.size() - 1), "a reported sequence is missing: file ends at " + last);
        assertEquals(Scans.range(1, last), inFile, "every row from 1, no gap");

        try (Outbox restarted = Outbox.open(SqliteConnections.file(file))) {
            assertEquals(new Outbox.Sequences(last + 1, last + 1), restarted.append(Scans.entries(0, 1, Scans.T0)));
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
