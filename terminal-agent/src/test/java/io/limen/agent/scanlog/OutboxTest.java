package io.limen.agent.scanlog;

import static io.limen.agent.scanlog.Scans.T0;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.agent.revocation.SqliteConnections;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox file on real SQLite files: numbering, the uplink's reading order, and every kind of bad file. */
class OutboxTest {

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("scanlog.db");
    }

    private Outbox open() throws OutboxException {
        return Outbox.open(SqliteConnections.file(file(), Duration.ofMillis(100)));
    }

    /** The scan-log writer and the uplink open the same new file at the same moment when a terminal starts. */
    @Test
    void twoConnectionsOpeningANewFileTogether_bothSucceed_andTheSchemaIsMadeOnce() throws Exception {
        for (int round = 0; round < 100; round++) {
            Path file = dir.resolve("race-" + round + ".db");
            java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
            java.util.concurrent.Callable<Outbox> open = () -> {
                together.await();
                return Outbox.open(SqliteConnections.file(file, Duration.ofSeconds(5)));
            };
            try (java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2)) {
                java.util.concurrent.Future<Outbox> a = two.submit(open);
                java.util.concurrent.Future<Outbox> b = two.submit(open);
                try (Outbox first = a.get(); Outbox second = b.get()) {
                    assertEquals(new Outbox.Sequences(1, 1), first.append(Scans.entries(0, 1, T0)), "round " + round);
                    assertEquals(1, second.highestSequence(), "round " + round);
                }
            }
        }
    }

    @Test
    void newFile_isWalWithSynchronousFull_andSchemaVersion1() throws Exception {
        try (Outbox outbox = open()) {
            outbox.append(Scans.entries(0, 1, T0));
        }
        try (Connection c = SqliteConnections.file(file()).open(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
                assertEquals("wal", rs.getString(1));
            }
            try (ResultSet rs = s.executeQuery("SELECT version FROM schema_version")) {
                assertEquals(OutboxSchema.VERSION, rs.getInt(1));
            }
        }
    }

    @Test
    void append_numbersConsecutively_andAReopenedFileContinues() throws Exception {
        try (Outbox outbox = open()) {
            assertEquals(new Outbox.Sequences(1, 3), outbox.append(Scans.entries(0, 3, T0)));
            assertEquals(new Outbox.Sequences(4, 4), outbox.append(Scans.entries(3, 1, T0)));
        }
        try (Outbox reopened = open()) {
            assertEquals(4, reopened.highestSequence());
            assertEquals(new Outbox.Sequences(5, 6), reopened.append(Scans.entries(4, 2, T0)));
        }
        assertEquals(Scans.range(1, 6), Scans.sequences(file()));
    }

    @Test
    void wallClockSteppedBack_sequenceStillIncreases_andOrdersTheLog() throws Exception {
        try (Outbox outbox = open()) {
            outbox.append(Scans.entries(0, 2, T0));
            outbox.append(Scans.entries(2, 2, T0.minus(Duration.ofHours(3)))); // NTP steps the clock back
        }
        try (Outbox reopened = open()) {
            reopened.append(Scans.entries(4, 1, Instant.EPOCH)); // a Pi that booted without a real-time clock
            List<ScanRecord> rows = reopened.tail(10);
            assertEquals(Scans.range(1, 5), rows.stream().map(ScanRecord::sequence).toList());
            assertEquals(Instant.EPOCH, rows.get(4).scan().decidedAt());
        }
    }

    @Test
    void everyRowSentAndDeleted_numbersAreNeverReused() throws Exception {
        try (Outbox outbox = open()) {
            outbox.append(Scans.entries(0, 3, T0));
            outbox.markSent(1, 3, T0);
            assertEquals(3, outbox.deleteSentBefore(T0.plusSeconds(1)));
            assertEquals(List.of(), outbox.tail(10));
        }
        try (Outbox reopened = open()) {
            assertEquals(new Outbox.Sequences(4, 4), reopened.append(Scans.entries(3, 1, T0)));
        }
    }

    @Test
    void unsent_inSequenceOrderAfterACursor_andMarkSentTakesOnlyUnsentRows() throws Exception {
        try (Outbox outbox = open()) {
            outbox.append(Scans.entries(0, 10, T0));
            assertEquals(3, outbox.markSent(1, 3, T0));
            assertEquals(List.of(4L, 5L), outbox.unsent(0, 2).stream().map(ScanRecord::sequence).toList());
            assertEquals(List.of(6L, 7L, 8L), outbox.unsent(5, 3).stream().map(ScanRecord::sequence).toList());
            assertEquals(2, outbox.markSent(2, 5, T0.plusSeconds(9)), "rows 2 and 3 were sent already");
            assertEquals(Optional.of(T0), outbox.tail(10).get(1).sentAt(), "a row keeps its first sent time");
            Outbox.Usage usage = outbox.usage();
            assertEquals(5, usage.sentRows());
            assertEquals(5, usage.unsentRows());
        }
    }

    @Test
    void rowReadBack_isTheEntryWritten() throws Exception {
        ScanEntry written = Scans.entry(7, T0);
        ScanEntry refusal = ScanEntry.of(Scans.refusal(), T0, Optional.empty(), 5000, 2000, 0, 9000);
        try (Outbox outbox = open()) {
            outbox.append(List.of(written, refusal));
            List<ScanRecord> rows = outbox.tail(2);
            assertEquals(new ScanRecord(1, written, Optional.empty()), rows.get(0));
            assertEquals(new ScanRecord(2, refusal, Optional.empty()), rows.get(1));
            assertEquals(new ScanEntry.StageMicros(5, 2, 0, 9), rows.get(1).scan().latencies());
        }
    }

    @Test
    void newerSchema_isRefusedNamingBothVersions_andTheFileIsUntouched() throws Exception {
        try (Outbox outbox = open()) {
            outbox.append(Scans.entries(0, 2, T0));
        }
        Scans.execute(file(), "UPDATE schema_version SET version = 2", "PRAGMA wal_checkpoint(TRUNCATE)");
        byte[] before = Files.readAllBytes(file());

        OutboxException e = assertThrows(OutboxException.class, this::open);

        assertEquals(OutboxException.Kind.NEWER_SCHEMA, e.kind());
        assertEquals("scan log " + file().toAbsolutePath() + " has schema version 2, newer than this agent's 1: a newer"
                + " Limen wrote it; run that version, or move the file aside (its unsent scans are in it) to start a new log",
                e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file()));
    }

    @Test
    void garbageFile_isReportedAsDamaged() throws Exception {
        byte[] garbage = new byte[8192];
        new Random(8).nextBytes(garbage);
        Files.write(file(), garbage);

        OutboxException e = assertThrows(OutboxException.class, this::open);

        assertEquals(OutboxException.Kind.DAMAGED, e.kind());
        assertTrue(e.getMessage().startsWith("scan log " + file().toAbsolutePath() + " is damaged or not a SQLite database (SQLite: "),
                e.getMessage());
    }

    @Test
    void outboxWithAPageOverwritten_isReportedAsDamaged() throws Exception {
        try (Outbox outbox = open()) {
            outbox.append(Scans.entries(0, 500, T0));
        }
        Scans.execute(file(), "PRAGMA wal_checkpoint(TRUNCATE)");
        byte[] bytes = Files.readAllBytes(file());
        // Page 2 onwards (past the 100-byte header and the schema page): the b-tree pages of the tables.
        java.util.Arrays.fill(bytes, 4096, bytes.length, (byte) 0x5a);
        Files.write(file(), bytes);

        OutboxException e = assertThrows(OutboxException.class, () -> {
            try (Outbox outbox = open()) {
                outbox.append(Scans.entries(500, 1, T0)); // reading the table's highest number hits the damage
            } catch (java.sql.SQLException sql) {
                throw OutboxFailures.of(file().toAbsolutePath().toString(), sql);
            }
        });

        assertEquals(OutboxException.Kind.DAMAGED, e.kind(), e.getMessage());
    }

    @Test
    void lockedByAnotherConnection_isReportedAsLocked() throws Exception {
        try (Outbox outbox = open()) {
            outbox.append(Scans.entries(0, 1, T0));
        }
        try (Connection holder = SqliteConnections.file(file()).open(); Statement s = holder.createStatement()) {
            s.execute("BEGIN IMMEDIATE"); // another process writing, and not letting go

            OutboxException e = assertThrows(OutboxException.class, this::open);

            assertEquals(OutboxException.Kind.LOCKED, e.kind());
            assertTrue(e.getMessage().startsWith("scan log " + file().toAbsolutePath()
                    + " is locked by another process for longer than its busy timeout (SQLite: "), e.getMessage());
            s.execute("ROLLBACK");
        }
    }

    @Test
    void sqliteFileOfSomethingElse_isRefusedAsNotAScanLog() throws Exception {
        Scans.execute(file(), "CREATE TABLE revoked(key BLOB PRIMARY KEY)");

        OutboxException e = assertThrows(OutboxException.class, this::open);

        assertEquals(OutboxException.Kind.NOT_AN_OUTBOX, e.kind());
        assertEquals("scan log " + file().toAbsolutePath() + " is a SQLite database but not a scan log (no schema_version"
                + " table; it has [revoked])", e.getMessage());
    }

    @Test
    void openToRead_ofAMissingFile_createsNothing() {
        OutboxException e = assertThrows(OutboxException.class,
                () -> Outbox.openToRead(SqliteConnections.readOnly(file())));
        assertEquals(OutboxException.Kind.CANNOT_OPEN, e.kind(), e.getMessage());
        assertTrue(Files.notExists(file()));
    }

    @Test
    void aGateEventsDirection_isKept_andADecisionHasNone() throws Exception {
        ScanEntry exit = ScanEntry.of(new io.limen.agent.gate.GateEvent(io.limen.agent.gate.GateEvent.Kind.PASSED, 1,
                Optional.of(io.limen.config.Direction.EXIT), Optional.empty()), T0, Optional.of("lobby"));
        ScanEntry fire = ScanEntry.of(new io.limen.agent.gate.GateEvent(io.limen.agent.gate.GateEvent.Kind.FIRE_ALARM, 2,
                Optional.empty(), Optional.empty()), T0, Optional.of("lobby"));
        try (Outbox outbox = open()) {
            outbox.append(List.of(Scans.entry(1, T0), exit, fire));
            assertEquals(java.util.Arrays.asList(null, io.limen.config.Direction.EXIT, null),
                    outbox.tail(3).stream().map(r -> r.scan().direction().orElse(null)).toList());
        }
    }

    /** The scan table as every agent before the direction column made it (schema version 1). */
    private void fileWithoutDirection() throws Exception {
        try (Connection c = SqliteConnections.file(file()).open(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE schema_version(version INTEGER NOT NULL)");
            s.execute("INSERT INTO schema_version(version) VALUES (1)");
            s.execute("CREATE TABLE scan(seq INTEGER PRIMARY KEY AUTOINCREMENT, decided_at INTEGER NOT NULL,"
                    + " granted INTEGER NOT NULL, reason TEXT NOT NULL, cti TEXT, issuer TEXT, subject TEXT, zone TEXT,"
                    + " decode_us INTEGER NOT NULL, verify_us INTEGER NOT NULL, decide_us INTEGER NOT NULL,"
                    + " relay_us INTEGER NOT NULL, gate_events TEXT, sent_at INTEGER)");
            s.execute("CREATE INDEX scan_unsent ON scan(seq) WHERE sent_at IS NULL");
            s.execute("INSERT INTO scan(decided_at, granted, reason, zone, decode_us, verify_us, decide_us, relay_us)"
                    + " VALUES (" + T0.toEpochMilli() + ", 0, 'passed', 'lobby', 0, 0, 0, 0)");
        }
    }

    @Test
    void aFileFromBeforeTheDirectionColumn_readsWithoutIt_andGetsItWhenOpenedToWrite_keepingItsRows() throws Exception {
        fileWithoutDirection();
        try (Outbox read = Outbox.openToRead(SqliteConnections.readOnly(file()))) {
            List<ScanRecord> rows = read.tail(10);
            assertEquals(1, rows.size());
            assertEquals(Optional.empty(), rows.getFirst().scan().direction());
            assertEquals("scan log " + read.file() + " was opened to read; it cannot be appended to",
                    assertThrows(IllegalStateException.class, () -> read.append(Scans.entries(0, 1, T0))).getMessage());
        }
        ScanEntry exit = ScanEntry.of(new io.limen.agent.gate.GateEvent(io.limen.agent.gate.GateEvent.Kind.EXIT_REQUEST, 1,
                Optional.of(io.limen.config.Direction.EXIT), Optional.empty()), T0, Optional.of("lobby"));
        try (Outbox outbox = open()) {
            assertEquals(new Outbox.Sequences(2, 2), outbox.append(List.of(exit)));
            assertEquals(java.util.Arrays.asList(null, io.limen.config.Direction.EXIT),
                    outbox.tail(2).stream().map(r -> r.scan().direction().orElse(null)).toList());
        }
        try (Connection c = SqliteConnections.file(file()).open(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT version FROM schema_version")) {
            assertEquals(1, rs.getInt(1), "the same schema version: the column is an addition an older agent ignores");
        }
        // An agent from before the column still writes and reads the file, naming its columns as it always did.
        try (Connection c = SqliteConnections.file(file()).open(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO scan(decided_at, granted, reason, zone, decode_us, verify_us, decide_us, relay_us)"
                    + " VALUES (" + T0.toEpochMilli() + ", 1, 'ok', 'lobby', 1, 2, 3, 4)");
        }
        try (Outbox outbox = open()) {
            assertEquals(Optional.empty(), outbox.tail(1).getFirst().scan().direction());
        }
    }

    @Test
    void aRowWithADirectionThisAgentDoesNotKnow_isRefusedNamingIt() throws Exception {
        try (Outbox outbox = open()) {
            outbox.append(Scans.entries(0, 1, T0));
        }
        try (Connection c = SqliteConnections.file(file()).open(); Statement s = c.createStatement()) {
            s.execute("UPDATE scan SET direction = 'sideways'");
        }
        try (Outbox outbox = open()) {
            var e = assertThrows(java.sql.SQLException.class, () -> outbox.tail(1));
            assertEquals("unknown direction 'sideways' in row 1 (entry or exit)", e.getMessage());
        }
    }
}
