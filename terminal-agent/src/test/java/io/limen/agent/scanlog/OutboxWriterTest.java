package io.limen.agent.scanlog;

import static io.limen.agent.scanlog.Scans.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.agent.revocation.SqliteConnections;
import io.limen.agent.time.TimeReading;
import io.limen.config.ScanLogConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer's work group by group, on real SQLite files, with both clocks stepped by hand: group
 * commit and its window, the cap and its alarms, retention, and a file that cannot be written.
 */
class OutboxWriterTest {

    @TempDir
    Path dir;
    final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    final AtomicReference<Instant> wall = new AtomicReference<>(T0);
    final Alarms alarms = new Alarms();
    final List<Outbox.Sequences> durable = new ArrayList<>();
    OutboxWriter writer;

    private Path file() {
        return dir.resolve("scanlog.db");
    }

    private OutboxWriter writer(ScanLogConfig config) {
        writer = new OutboxWriter(SqliteConnections.file(file(), Duration.ofMillis(50)), config.withDatabase(file()),
                () -> TimeReading.trusted(wall.get()), nanos::get, alarms, durable::add);
        return writer;
    }

    private OutboxWriter writer() {
        return writer(ScanLogConfig.NONE);
    }

    private void step(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    @AfterEach
    void close() {
        if (writer != null) {
            writer.close();
        }
    }

    @Test
    void handedTogether_areOneGroup_oneTransaction_numberedInOrder() throws Exception {
        OutboxWriter w = writer();

        w.write(Scans.pending(0, 5, nanos.get()));
        w.write(Scans.pending(5, 2, nanos.get()));

        assertEquals(List.of(new Outbox.Sequences(1, 5), new Outbox.Sequences(6, 7)), durable);
        assertEquals(2, w.commits());
        assertEquals(7, w.lastSequence());
        assertEquals(Scans.range(1, 7), Scans.sequences(file()));
    }

    @Test
    void groupDurableWithinTheWindow_isOnTime_oneHandedLongerAgo_isCountedLateAndAlarmed() {
        OutboxWriter w = writer();
        long handed = nanos.get();
        step(Duration.ofMillis(49));
        w.write(Scans.pending(0, 3, handed));
        assertEquals(0, w.lateGroups());
        assertFalse(alarms.isRaised(ScanLogAlarm.COMMIT_LATE));

        handed = nanos.get();
        step(OutboxWriter.GROUP_COMMIT_WINDOW.plusMillis(1)); // an SD card that stalled the writer
        w.write(Scans.pending(3, 1, handed));

        assertEquals(1, w.lateGroups());
        assertTrue(w.maxLatencyNanos() >= Duration.ofMillis(51).toNanos());
        assertTrue(alarms.isRaised(ScanLogAlarm.COMMIT_LATE));
        assertEquals(4, w.lastSequence(), "late is still durable");
    }

    @Test
    void lowCap_alarmsAt80Percent_thenPastTheCapKeepsEveryUnsentRow_thenDeletesOldestSentFirst() throws Exception {
        long cap = ScanLogConfig.MIN_MAX_BYTES; // 64 KiB: 16 pages of 4 KiB
        OutboxWriter w = writer(ScanLogConfig.NONE.withMaxBytes(cap));
        int written = 0;
        while (!alarms.isRaised(ScanLogAlarm.NEAR_CAP)) {
            w.write(Scans.pending(written, 20, nanos.get()));
            written += 20;
            assertTrue(written < 5000, "no near-cap alarm after " + written + " rows");
        }
        long usedAtAlarm;
        try (Outbox look = Outbox.open(SqliteConnections.file(file()))) {
            usedAtAlarm = look.usedBytes();
        }
        assertTrue(usedAtAlarm >= cap * 8 / 10 && usedAtAlarm < cap, "alarm at " + usedAtAlarm + " of " + cap);
        assertFalse(alarms.isRaised(ScanLogAlarm.PAST_CAP));

        while (!alarms.isRaised(ScanLogAlarm.PAST_CAP)) {
            w.write(Scans.pending(written, 20, nanos.get()));
            written += 20;
        }
        w.write(Scans.pending(written, 20, nanos.get()));
        written += 20;
        assertEquals(Scans.range(1, written), Scans.sequences(file()), "past the cap, every unsent row is kept");

        // The uplink sends the first half; the next group makes room by deleting the oldest sent rows only.
        try (Outbox uplink = Outbox.open(SqliteConnections.file(file()))) {
            uplink.markSent(1, written / 2, wall.get());
        }
        w.write(Scans.pending(written, 1, nanos.get()));
        written += 1;

        List<Long> left = Scans.sequences(file());
        assertEquals(written, left.get(left.size() - 1));
        assertTrue(left.get(0) > 1 && left.get(0) <= written / 2, "the oldest sent went first: " + left.get(0));
        assertEquals(Scans.range(left.get(0), written), left, "no gap: only a prefix of sent rows went");
        try (Outbox look = Outbox.open(SqliteConnections.file(file()))) {
            assertTrue(look.usedBytes() < cap);
        }
        assertFalse(alarms.isRaised(ScanLogAlarm.PAST_CAP));
    }

    @Test
    void sentRows_stayForTheirRetention_thenGo_unsentRowsStay() throws Exception {
        OutboxWriter w = writer(ScanLogConfig.NONE.withRetention(Duration.ofDays(7)));
        w.write(Scans.pending(0, 4, nanos.get()));
        try (Outbox uplink = Outbox.open(SqliteConnections.file(file()))) {
            uplink.markSent(1, 3, T0);
        }

        wall.set(T0.plus(Duration.ofDays(7)).minusSeconds(1));
        step(OutboxWriter.PRUNE_EVERY);
        w.write(List.of());
        assertEquals(List.of(1L, 2L, 3L, 4L), Scans.sequences(file()));

        wall.set(T0.plus(Duration.ofDays(7)).plusSeconds(1));
        step(OutboxWriter.PRUNE_EVERY.minusSeconds(1));
        w.write(List.of());
        assertEquals(List.of(1L, 2L, 3L, 4L), Scans.sequences(file()), "pruned at most once a minute");

        step(Duration.ofSeconds(1));
        w.write(List.of());
        assertEquals(List.of(4L), Scans.sequences(file()));
    }

    @Test
    void lockedFile_decisionsHeldInMemory_thenWrittenInOrderOnceTheLockIsGone() throws Exception {
        try (Outbox first = Outbox.open(SqliteConnections.file(file()))) {
            first.append(Scans.entries(0, 2, T0));
        }
        OutboxWriter w = writer();
        try (Connection holder = SqliteConnections.file(file()).open(); Statement s = holder.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            w.write(Scans.pending(2, 3, nanos.get()));
            assertFalse(w.isOpen());
            assertEquals(3, w.held());
            assertEquals(Set.of(ScanLogAlarm.UNAVAILABLE), alarms.active());

            step(OutboxWriter.RETRY);
            w.write(Scans.pending(5, 1, nanos.get()));
            assertEquals(4, w.held(), "still locked: held, nothing dropped");
            s.execute("ROLLBACK");
        }
        step(OutboxWriter.RETRY.minusMillis(1));
        w.write(List.of());
        assertEquals(4, w.held(), "not retried before its time");

        step(Duration.ofMillis(1));
        w.write(List.of());

        assertEquals(0, w.held());
        assertEquals(Scans.range(1, 6), Scans.sequences(file()));
        assertEquals(Set.of(ScanLogAlarm.COMMIT_LATE), alarms.active(), "available again; the catch-up was late");
    }

    @Test
    void damagedFile_terminalKeepsGoing_memoryBoundedToItsNewestDecisions_dropsCountedAndAlarmed() throws Exception {
        Files.writeString(file(), "this is not a database, but it is 100 bytes long or more so that SQLite reads a header from it....");
        OutboxWriter w = writer(new ScanLogConfig(java.util.Optional.empty(), ScanLogConfig.DEFAULT_MAX_BYTES,
                ScanLogConfig.DEFAULT_RETENTION, 16, 3, Duration.ZERO));

        w.write(Scans.pending(0, 5, nanos.get()));

        assertEquals(3, w.held());
        assertEquals(2, w.droppedFromMemory());
        assertEquals(Set.of(ScanLogAlarm.UNAVAILABLE, ScanLogAlarm.MEMORY_FULL), alarms.active());
    }

    @Test
    void newerSchema_isNotWritten_decisionsHeld() throws Exception {
        try (Outbox first = Outbox.open(SqliteConnections.file(file()))) {
            first.append(Scans.entries(0, 1, T0));
        }
        Scans.execute(file(), "UPDATE schema_version SET version = 9");
        OutboxWriter w = writer();

        w.write(Scans.pending(1, 2, nanos.get()));

        assertEquals(2, w.held());
        assertEquals(List.of(1L), Scans.sequences(file()));
        assertTrue(alarms.isRaised(ScanLogAlarm.UNAVAILABLE));
    }

    @Test
    void readOnlyFolder_existingLogCannotBeWritten_decisionsHeld_thenWrittenOnceTheFolderIsWritable() throws Exception {
        try (Outbox first = Outbox.open(SqliteConnections.file(file()))) {
            first.append(Scans.entries(0, 1, T0)); // closed cleanly: SQLite removes the -wal and -shm files
        }
        OutboxWriter w = writer();
        try (io.limen.agent.testing.ReadOnlyFolder readOnly = io.limen.agent.testing.ReadOnlyFolder.of(dir)) {
            w.write(Scans.pending(1, 2, nanos.get()));

            assertFalse(w.isOpen());
            assertEquals(2, w.held());
            assertEquals(Set.of(ScanLogAlarm.UNAVAILABLE), alarms.active());
        }
        step(OutboxWriter.RETRY);
        w.write(List.of());

        assertEquals(0, w.held());
        assertEquals(Scans.range(1, 3), Scans.sequences(file()));
        assertFalse(alarms.isRaised(ScanLogAlarm.UNAVAILABLE));
    }

    @Test
    void readOnlyFolder_opening_isReportedAsCannotBeOpened_namingTheFolder() throws Exception {
        try (Outbox first = Outbox.open(SqliteConnections.file(file()))) {
            first.append(Scans.entries(0, 1, T0));
        }
        try (io.limen.agent.testing.ReadOnlyFolder readOnly = io.limen.agent.testing.ReadOnlyFolder.of(dir)) {
            OutboxException e = org.junit.jupiter.api.Assertions.assertThrows(OutboxException.class,
                    () -> Outbox.open(SqliteConnections.file(file())));
            // SQLite cannot create the -wal file beside it, and says CANTOPEN.
            assertEquals(OutboxException.Kind.CANNOT_OPEN, e.kind(), e.getMessage());
            assertTrue(e.getMessage().startsWith("scan log " + file().toAbsolutePath()
                    + " cannot be opened (a missing or unwritable folder?) (SQLite: "), e.getMessage());
        }
    }

    @Test
    void diskFullMidGroup_theGroupTakesNoNumbers_isHeld_andIsWrittenWithoutAGapOnceThereIsRoom() throws Exception {
        java.util.concurrent.atomic.AtomicInteger insertsUntilFull = new java.util.concurrent.atomic.AtomicInteger(Integer.MAX_VALUE);
        SqliteConnections real = SqliteConnections.file(file(), Duration.ofMillis(50));
        SqliteConnections fillingDisk = new SqliteConnections() {
            @Override
            public Connection open() throws java.sql.SQLException {
                Connection connection = real.open();
                return proxy(Connection.class, (p, method, args) -> {
                    Object result = invoke(connection, method, args);
                    if (result instanceof java.sql.PreparedStatement statement && String.valueOf(args[0]).startsWith("INSERT")) {
                        return proxy(java.sql.PreparedStatement.class, (q, m, a) -> {
                            if (m.getName().equals("executeUpdate") && insertsUntilFull.decrementAndGet() < 0) {
                                throw new org.sqlite.SQLiteException("[SQLITE_FULL] database or disk is full",
                                        org.sqlite.SQLiteErrorCode.SQLITE_FULL);
                            }
                            return invoke(statement, m, a);
                        });
                    }
                    return result;
                });
            }

            @Override
            public String describe() {
                return real.describe();
            }
        };
        writer = new OutboxWriter(fillingDisk, ScanLogConfig.at(file()), () -> TimeReading.trusted(wall.get()), nanos::get,
                alarms, durable::add);
        writer.write(Scans.pending(0, 3, nanos.get()));

        insertsUntilFull.set(1); // the disk fills after the first row of the next group
        writer.write(Scans.pending(3, 3, nanos.get()));

        assertEquals(3, writer.held());
        assertEquals(Scans.range(1, 3), Scans.sequences(file()), "the failed group left no row behind");
        assertTrue(alarms.isRaised(ScanLogAlarm.UNAVAILABLE));

        insertsUntilFull.set(Integer.MAX_VALUE); // room again
        step(OutboxWriter.RETRY);
        writer.write(Scans.pending(6, 1, nanos.get()));

        assertEquals(0, writer.held());
        assertEquals(Scans.range(1, 7), Scans.sequences(file()));
        assertEquals(List.of(new Outbox.Sequences(1, 3), new Outbox.Sequences(4, 7)), durable);
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static <T> T proxy(Class<T> type, java.lang.reflect.InvocationHandler handler) {
        return type.cast(java.lang.reflect.Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
