package io.limen.agent.uplink;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.testing.FakeBroker;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real terminal process (scan log and uplink, {@link UplinkChild}) against a broker that never works:
 * it keeps deciding and making its scans durable, retries the broker again and again, and says so
 * once — one WARN line in its log however many attempts fail alike.
 */
class UplinkReportedOnceTest {

    private static final int DURABLE = 1_000;

    @TempDir
    Path dir;

    @Test
    void brokerThatAnswersGarbage_isReportedOnce_whileTheTerminalKeepsDeciding() throws Exception {
        try (GarbageServer garbage = new GarbageServer()) {
            List<String> warnings = runAgainst(garbage.uri(), () -> garbage.accepted, 4);
            assertEquals(1, warnings.size(), String.join("\n", warnings));
            assertTrue(warnings.getFirst().contains("cannot connect to " + garbage.uri()), warnings.getFirst());
        }
    }

    @Test
    void brokerThatAcceptsAndNeverAnswers_isReportedOnce_whileTheTerminalKeepsDeciding() throws Exception {
        try (FakeBroker silent = new FakeBroker(null, List.of())) {
            List<String> warnings = runAgainst(silent.uri(), silent::connects, 3);
            assertEquals(1, warnings.size(), String.join("\n", warnings));
            assertTrue(warnings.getFirst().contains("no CONNACK from " + silent.uri() + " within 1500 ms"), warnings.getFirst());
        }
    }

    /** Runs a deciding child until {@code attempts} connects reached the broker, kills it; its uplink WARN lines. */
    private List<String> runAgainst(String uri, IntSupplier connects, int attempts) throws Exception {
        Path err = dir.resolve("child.err");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                UplinkChild.class.getName(), dir.resolve("scanlog.db").toString(), uri, "burst")
                .redirectError(err.toFile()).start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII));
            int durable = 0;
            while (durable < DURABLE && lines.readLine() != null) {
                durable++;
            }
            assertEquals(DURABLE, durable, "the terminal kept deciding and logging; stderr: " + Files.readString(err));
            await().atMost(Duration.ofSeconds(30)).until(() -> connects.getAsInt() >= attempts);
            assertEquals(0, new ProcessBuilder("kill", "-KILL", Long.toString(child.pid())).start().waitFor());
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }
        return Files.readAllLines(err).stream()
                .filter(l -> l.contains(" WARN ") && (l.contains("ReconnectLoop") || l.contains("UplinkPump"))).toList();
    }
}
