package io.limen.agent.scanlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.agent.revocation.SqliteConnections;
import io.limen.agent.time.TimeReading;
import io.limen.config.ScanLogConfig;
import io.limen.format.Reason;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scan log with its writer thread, on a real file: what the admit thread hands over, and a stuck writer. */
class ScanLogWriterTest {

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("scanlog.db");
    }

    @Test
    void decisionsHandedOver_areAllDurableInOrder_byClose() throws Exception {
        ScanLogWriter log = ScanLogWriter.start(ScanLogConfig.at(file()), SqliteConnections.file(file()), Optional.of("lobby"),
                () -> TimeReading.trusted(Scans.T0), new Alarms(), group -> { });
        for (int i = 0; i < 300; i++) {
            log.decided(Scans.refusal(), 1000, 2000, 3000, 4000);
        }
        log.close();

        assertEquals(Scans.range(1, 300), Scans.sequences(file()));
        assertEquals(300, log.status().lastSequence());
        try (Outbox outbox = Outbox.openToRead(SqliteConnections.readOnly(file()))) {
            ScanEntry last = outbox.tail(1).get(0).scan();
            assertEquals(Reason.BAD_SIGNATURE, last.reason());
            assertEquals(Optional.of("lobby"), last.zone());
            assertEquals(Optional.empty(), last.issuer(), "an unverified code's claims are not logged");
            assertEquals(Scans.T0, last.decidedAt());
        }
    }

    @Test
    void writerStuckInSqlite_handOffFull_admitThreadNeverWaits_dropsCountedAndAlarmed() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        SqliteConnections real = SqliteConnections.file(file());
        SqliteConnections stuck = new SqliteConnections() {
            @Override
            public Connection open() throws SQLException {
                entered.countDown();
                try {
                    release.await(); // a disk that does not answer
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return real.open();
            }

            @Override
            public String describe() {
                return real.describe();
            }
        };
        Alarms alarms = new Alarms();
        ScanLogConfig config = new ScanLogConfig(Optional.of(file()), ScanLogConfig.DEFAULT_MAX_BYTES,
                ScanLogConfig.DEFAULT_RETENTION, 16, 1000, Duration.ofSeconds(1));
        ScanLogWriter log = ScanLogWriter.start(config, stuck, Optional.empty(), () -> TimeReading.trusted(Scans.T0), alarms, g -> { });
        entered.await();

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            for (int i = 0; i < 20; i++) {
                log.decided(Scans.refusal(), 0, 0, 0, 0);
            }
        }, "the admit thread waited on the stuck writer");
        release.countDown();
        log.close();

        assertEquals(Scans.range(1, 16), Scans.sequences(file()));
        assertEquals(4, log.status().droppedAtHandOff());
        assertTrue(alarms.isRaised(ScanLogAlarm.HANDOFF_FULL));
    }

    @Test
    void noScanLog_recordsNothing_andClosesQuietly() {
        ScanLog.NONE.decided(Scans.refusal(), 0, 0, 0, 0);
        ScanLog.NONE.close();
        assertEquals("ScanLog.NONE", ScanLog.NONE.toString());
    }
}
