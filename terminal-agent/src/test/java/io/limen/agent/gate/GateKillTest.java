package io.limen.agent.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Outputs are safe before anything else, at a first start and at a restart after {@code kill -9}: a real
 * child process ({@link GateChild}) journals every pin write and input read on its mock pins. The
 * board is the hard case: an active-low relay (safe = HIGH) under a fail-safe magnetic lock, whose
 * normal locked state keeps the relay energised (LOW) — so the process is killed with its relay in
 * the unsafe level, and the next one must write the unpowered level first.
 */
class GateKillTest {

    /** The gate's outputs on the board, and their unpowered levels. */
    private static final List<String> SAFE_WRITES = List.of("write relay HIGH", "write led-green LOW", "write led-red LOW");

    @Test
    void firstStart_andRestartAfterKill9_writeEveryOutputSafe_beforeReadingAnyInput() throws Exception {
        List<String> first = new ArrayList<>();
        Process child = start();
        try {
            BufferedReader lines = reader(child);
            readUntil(lines, "ready", first);
            assertSafeFirst(first);
            assertTrue(first.contains("write relay LOW"), "the running fail-safe lock is energised (locked): " + first);

            Writer in = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.US_ASCII);
            in.write("grant\n");
            in.flush();
            List<String> granting = new ArrayList<>();
            readUntil(lines, "granted", granting);
            // The relay, then the signal player's one change (red is already off: not written again).
            assertEquals(List.of("write relay HIGH", "write led-green HIGH", "granted"), granting);
            kill9(child);
        } finally {
            child.destroyForcibly();
        }

        List<String> second = new ArrayList<>();
        Process restarted = start();
        try {
            readUntil(reader(restarted), "ready", second);
            assertSafeFirst(second);
            kill9(restarted);
        } finally {
            restarted.destroyForcibly();
        }
    }

    /** The first lines are the safe writes, each output's first write is its safe level, and no read comes before them. */
    private static void assertSafeFirst(List<String> journal) {
        assertEquals(SAFE_WRITES, journal.subList(0, SAFE_WRITES.size()), "the first pin operations: " + journal);
        int firstRead = journal.indexOf(journal.stream().filter(l -> l.startsWith("read ")).findFirst().orElseThrow());
        assertTrue(firstRead >= SAFE_WRITES.size(), "an input was read before the outputs were safe: " + journal);
    }

    private static Process start() throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), GateChild.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    private static BufferedReader reader(Process p) {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
    }

    private static void readUntil(BufferedReader lines, String last, List<String> into) throws IOException {
        String line;
        while ((line = lines.readLine()) != null) {
            into.add(line);
            if (line.equals(last)) {
                return;
            }
        }
        throw new AssertionError("the child ended before \"" + last + "\": " + into);
    }

    private static void kill9(Process child) throws Exception {
        // kill -9 itself, as a power-less crash would end it: no shutdown hook, no finally.
        Process kill = new ProcessBuilder("kill", "-KILL", Long.toString(child.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor());
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, child.exitValue(), "killed by SIGKILL");
    }
}
