package io.limen.agent.selftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.agent.revocation.SqliteConnections;
import io.limen.config.BatchConfig;
import io.limen.config.UplinkConfig;
import io.limen.testing.FakeBroker;
import io.limen.testing.Mosquitto;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker check against a real mosquitto, a scripted broker that refuses or never answers, and a port
 * nobody listens on; SQLite's quick_check of a whole file and of one with a page overwritten.
 */
class BrokerAndDatabaseCheckTest {

    @TempDir
    Path dir;

    private static UplinkConfig uplink(String uri, Duration connectTimeout) {
        return new UplinkConfig(uri, "limen-hq-door-1", "limen/hq/door-1", connectTimeout, Duration.ofMillis(1500),
                Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(1), Optional.empty(), Duration.ofHours(1),
                1, Duration.ofMinutes(1), BatchConfig.DEFAULTS);
    }

    @Test
    void realMosquitto_answersSuccess() throws Exception {
        try (Mosquitto broker = new Mosquitto(dir).start()) {
            Check check = BrokerCheck.run(uplink(broker.uri(), Duration.ofSeconds(3)), Duration.ofSeconds(5));
            assertEquals(Check.Status.PASS, check.status(), check.detail());
            assertTrue(check.detail().startsWith("CONNACK reason code 0x00 (Success) from " + broker.uri() + " in "), check.detail());
            assertTrue(check.detail().endsWith(" ms, as client limen-hq-door-1"), check.detail());
            assertEquals(0, check.facts().get("connackReasonCode"));
        }
    }

    @Test
    void brokerThatRefuses_isReportedWithItsReasonCode_andIsNotNeeded() throws Exception {
        try (FakeBroker broker = new FakeBroker(0x87, List.of())) {
            Check check = BrokerCheck.run(uplink(broker.uri(), Duration.ofSeconds(3)), Duration.ofSeconds(5));
            assertEquals(Check.Status.FAIL, check.status());
            assertFalse(check.blocks(), "a terminal decides offline: the broker is not needed");
            assertEquals(broker.uri() + " refused: CONNACK reason code 0x87 (Not authorized) (scans wait in the scan log)",
                    check.detail());
            assertEquals(0x87, check.facts().get("connackReasonCode"));
        }
    }

    @Test
    void silentBroker_failsAtTheCheckLimit_notTheConfiguredTimeout() throws Exception {
        try (FakeBroker broker = new FakeBroker(null, List.of())) {
            long start = System.nanoTime();
            Check check = BrokerCheck.run(uplink(broker.uri(), Duration.ofSeconds(60)), Duration.ofMillis(700));
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertEquals(broker.uri() + " no CONNACK from " + broker.uri() + " within 700 ms (scans wait in the scan log)", check.detail());
            assertNull(check.facts().get("connackReasonCode"));
            assertTrue(tookMs < 3_000, tookMs + " ms");
        }
    }

    @Test
    void absentBroker_saysItCannotConnect() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Check check = BrokerCheck.run(uplink("tcp://127.0.0.1:" + port, Duration.ofSeconds(2)), Duration.ofSeconds(5));
        assertEquals(Check.Status.FAIL, check.status());
        assertTrue(check.detail().startsWith("tcp://127.0.0.1:" + port + " cannot connect to tcp://127.0.0.1:" + port + ": "),
                check.detail());
    }

    /** A database of a table and its index, 3,000 rows: 77 pages of 4 KiB. */
    private Path database() throws Exception {
        Path file = dir.resolve("t.db");
        try (Connection c = SqliteConnections.file(file).open(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t(x TEXT)");
            s.execute("CREATE INDEX ix ON t(x)");
            s.execute("WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 3000)"
                    + " INSERT INTO t SELECT hex(randomblob(20)) FROM c");
        }
        return file;
    }

    @Test
    void wholeDatabase_quickChecksOk() throws Exception {
        assertEquals("ok", DatabaseCheck.quickCheck(database(), Duration.ofSeconds(5)));
    }

    @Test
    void overwrittenPage_isFoundByQuickCheck_inSqlitesWords() throws Exception {
        // Random rows put different cells on page 6: SQLite then either lists the damage or stops the check
        // with SQLITE_CORRUPT. Eighty databases see both (twelve did not reliably); each is a finding in SQLite's words, never a throw.
        for (int round = 0; round < 80; round++) {
            Path file = database();
            try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
                raw.seek(5 * 4096 + 100); // page 6: its cell pointers, overwritten as a torn write might
                raw.write(new byte[] {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1});
            }
            String verdict = DatabaseCheck.quickCheck(file, Duration.ofSeconds(5));
            assertTrue(verdict.contains("out of range") || verdict.contains("malformed"), verdict);
            assertTrue(verdict.split("; ").length <= DatabaseCheck.MAX_LINES, verdict);
            java.nio.file.Files.delete(file);
        }
    }
}
