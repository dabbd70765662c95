package io.limen.agent.uplink;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.agent.revocation.SqliteConnections;
import io.limen.agent.scanlog.Outbox;
import io.limen.testing.Mosquitto;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a real terminal process (scan log and uplink) in the middle of a burst, while
 * batches are in flight, then a restart: every scan that was made durable reaches the subscriber exactly
 * once after de-duplication, from sequence 1 to the last row in the file.
 */
class UplinkKillTest {

    private static final int DURABLE_BEFORE_KILL = 2_000;

    @TempDir
    Path dir;

    @Test
    void sigkillMidBurst_thenRestart_everyDurableScanArrivesExactlyOnceAfterDeduplication() throws Exception {
        Path db = dir.resolve("scanlog.db");
        try (Mosquitto broker = new Mosquitto(dir).start(); TelemetrySink sink = new TelemetrySink(broker.uri())) {
            Process burst = child(db, broker.uri(), "burst");
            try {
                BufferedReader lines = new BufferedReader(new InputStreamReader(burst.getInputStream(), StandardCharsets.US_ASCII));
                int durable = 0;
                while (durable < DURABLE_BEFORE_KILL && lines.readLine() != null) {
                    durable++;
                }
                assertEquals(DURABLE_BEFORE_KILL, durable, "the child reported too few durable scans; see " + dir.resolve("burst.err"));
                await().atMost(Duration.ofSeconds(30)).until(() -> !sink.sequences("door-3").isEmpty()); // batches are flowing
                assertEquals(0, new ProcessBuilder("kill", "-KILL", Long.toString(burst.pid())).inheritIO().start().waitFor());
                assertTrue(burst.waitFor(30, TimeUnit.SECONDS));
                assertEquals(137, burst.exitValue(), "killed by SIGKILL");
            } finally {
                burst.destroyForcibly();
            }

            long last;
            long unsentAtRestart;
            try (Outbox outbox = Outbox.openToRead(SqliteConnections.readOnly(db))) {
                last = outbox.highestSequence();
                unsentAtRestart = outbox.backlog().unsentRows();
            }
            assertTrue(last >= DURABLE_BEFORE_KILL, "rows in the file: " + last);
            assertTrue(unsentAtRestart > 0, "killed mid-burst: some rows were still unsent");

            Process drain = child(db, broker.uri(), "drain");
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> sink.sequences("door-3").size() == last);
                assertEquals(UplinkPumpMosquittoTest.range(1, last), sink.sequences("door-3"));
            } finally {
                drain.destroyForcibly().waitFor();
            }
        }
    }

    private Process child(Path db, String broker, String mode) throws Exception {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                UplinkChild.class.getName(), db.toString(), broker, mode)
                .redirectError(dir.resolve(mode + ".err").toFile()).start();
    }
}
