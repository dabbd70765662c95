package io.limen.agent.scanlog;

import io.limen.agent.revocation.SqliteConnections;
import io.limen.agent.revocation.SqliteJournal;
import io.limen.config.Direction;
import io.limen.format.Reason;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The scan log's SQLite file ({@link OutboxSchema}): appends in one transaction per group, reads in
 * sequence order, marks rows sent, deletes sent rows by age or to stay under the cap. One connection,
 * one thread: the writer thread has one; the uplink (and {@code log tail}) open their own.
 *
 * <p>Durability: the file is in WAL mode with {@code synchronous=FULL}, so {@link #append} returns only
 * once its rows are in the WAL and the WAL is fsynced: a power cut after that loses none of them.
 */
public final class Outbox implements AutoCloseable {

    /** What {@link #append} gave numbers to: {@code first..last}, inclusive. */
    public record Sequences(long first, long last) {
    }

    /**
     * Bytes of the database's pages in use (freed pages are reused before the file grows, so they do not
     * count), and how many rows are sent and unsent.
     */
    public record Usage(long usedBytes, long fileBytes, long sentRows, long unsentRows) {
    }

    private static final String BASE_COLUMNS = "seq, decided_at, granted, reason, cti, issuer, subject, zone,"
            + " decode_us, verify_us, decide_us, relay_us, sent_at";

    private final Connection connection;
    private final String file;
    /** What a row read selects: with {@code direction}, or NULL in its place in a file opened to read that has none. */
    private final String columns;
    /** Null for a file opened to read. */
    private final PreparedStatement insert;

    private Outbox(Connection connection, String file, boolean write, boolean hasDirection) throws SQLException {
        this.connection = connection;
        this.file = file;
        this.columns = BASE_COLUMNS + (hasDirection ? ", direction" : ", NULL AS direction");
        this.insert = write ? connection.prepareStatement("INSERT INTO scan(seq, decided_at, granted, reason, cti, issuer,"
                + " subject, zone, decode_us, verify_us, decide_us, relay_us, direction) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")
                : null;
    }

    /**
     * Opens (creating if needed) the outbox for writing: WAL, {@code synchronous=FULL}, the schema
     * checked, and a write lock taken and released, so that a file another process holds locked is
     * reported here and not at the first decision.
     *
     * @throws OutboxException naming the file and the trouble: locked, damaged, newer schema, not an
     *                         outbox, read-only, disk full, cannot be opened
     */
    public static Outbox open(SqliteConnections connections) throws OutboxException {
        return open(connections, true);
    }

    /** Opens an existing outbox to read it ({@code log tail}, {@code log export}); nothing is written. */
    public static Outbox openToRead(SqliteConnections connections) throws OutboxException {
        return open(connections, false);
    }

    private static Outbox open(SqliteConnections connections, boolean write) throws OutboxException {
        String file = connections.describe();
        Connection connection = null;
        try {
            connection = connections.open();
            boolean hasDirection = OutboxSchema.checkOrCreate(connection, file, write);
            if (write) {
                String mode = walWithFullSync(connection);
                if (!"wal".equals(mode)) {
                    throw new OutboxException(OutboxException.Kind.IO, "scan log " + file
                            + " cannot be put in WAL mode (SQLite kept journal_mode " + mode + ")", null);
                }
                try (Statement s = connection.createStatement()) {
                    // The WAL is truncated back to this size after a checkpoint: it does not keep a burst's size.
                    s.execute("PRAGMA journal_size_limit = 4194304");
                    s.execute("BEGIN IMMEDIATE");
                    s.execute("ROLLBACK");
                }
            }
            return new Outbox(connection, file, write, hasDirection);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw OutboxFailures.of(file, e);
        } catch (OutboxException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    /**
     * {@link SqliteJournal#walWithFullSync}, tried again while SQLite answers SQLITE_BUSY, up to the
     * connection's busy timeout. Switching a new file to WAL needs its exclusive lock, and when two
     * connections open a new file together (the scan-log writer and the uplink, at start-up) SQLite sees
     * a possible deadlock and answers BUSY at once without calling its busy handler (sqlite.org/c3ref/
     * busy_handler.html): the wait the busy timeout promises is done here. Measured: 1 open in ~180 failed
     * in {@code OutboxTest} before this.
     */
    private static String walWithFullSync(Connection connection) throws SQLException {
        long waitNanos;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA busy_timeout")) {
            waitNanos = TimeUnit.MILLISECONDS.toNanos(rs.next() ? rs.getLong(1) : 0);
        }
        long start = System.nanoTime();
        while (true) {
            try {
                return SqliteJournal.walWithFullSync(connection);
            } catch (SQLException e) {
                if ((e.getErrorCode() & 0xff) != SQLITE_BUSY || System.nanoTime() - start >= waitNanos) {
                    throw e;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
        }
    }

    /** SQLite's primary result code for a lock held elsewhere (sqlite.org/rescode.html#busy). */
    private static final int SQLITE_BUSY = 5;

    /**
     * Appends {@code entries} in one transaction (one fsync) and returns their sequence numbers,
     * consecutive after the highest ever given in this file. On an exception nothing was appended.
     */
    public Sequences append(List<ScanEntry> entries) throws SQLException {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("entries must not be empty");
        }
        if (insert == null) {
            throw new IllegalStateException("scan log " + file + " was opened to read; it cannot be appended to");
        }
        try (Statement s = connection.createStatement()) {
            // IMMEDIATE: the write lock first, so the highest number read below cannot change before the insert.
            s.execute("BEGIN IMMEDIATE");
            try {
                long first = highestSequence(s) + 1;
                long seq = first;
                for (ScanEntry entry : entries) {
                    bind(seq++, entry);
                    insert.executeUpdate();
                }
                s.execute("COMMIT");
                return new Sequences(first, seq - 1);
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(s);
                throw e;
            }
        }
    }

    /** The highest sequence number ever given in this file (deleted rows included); 0 for none. */
    public long highestSequence() throws SQLException {
        try (Statement s = connection.createStatement()) {
            return highestSequence(s);
        }
    }

    private static long highestSequence(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT seq FROM sqlite_sequence WHERE name = 'scan'")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private void bind(long seq, ScanEntry entry) throws SQLException {
        insert.setLong(1, seq);
        insert.setLong(2, entry.decidedAt().toEpochMilli());
        insert.setInt(3, entry.granted() ? 1 : 0);
        insert.setString(4, entry.reason().code());
        setText(5, entry.credentialId());
        setText(6, entry.issuer());
        setText(7, entry.subject());
        setText(8, entry.zone());
        insert.setLong(9, entry.latencies().decode());
        insert.setLong(10, entry.latencies().verify());
        insert.setLong(11, entry.latencies().decide());
        insert.setLong(12, entry.latencies().frameToRelay());
        setText(13, entry.direction().map(Direction::configName));
    }

    private void setText(int index, Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            insert.setString(index, value.get());
        } else {
            insert.setNull(index, Types.VARCHAR);
        }
    }

    /**
     * Up to {@code limit} unsent rows with a sequence above {@code afterSequence}, in sequence order:
     * what the uplink batches next.
     */
    public List<ScanRecord> unsent(long afterSequence, int limit) throws SQLException {
        return query("SELECT " + columns + " FROM scan WHERE sent_at IS NULL AND seq > ? ORDER BY seq LIMIT ?",
                afterSequence, limit);
    }

    /**
     * Marks the unsent rows {@code first..last} sent at {@code at} (after the broker's PUBACK with a
     * success code); rows already sent keep their time.
     *
     * @return how many rows were marked
     */
    public int markSent(long first, long last, Instant at) throws SQLException {
        try (PreparedStatement q = connection.prepareStatement(
                "UPDATE scan SET sent_at = ? WHERE seq BETWEEN ? AND ? AND sent_at IS NULL")) {
            q.setLong(1, at.toEpochMilli());
            q.setLong(2, first);
            q.setLong(3, last);
            return q.executeUpdate();
        }
    }

    /**
     * The unsent rows as the heartbeat reports them: how many, and when the lowest-numbered of them was
     * decided (by the wall clock then); empty when every row is sent. Two index reads.
     */
    public Backlog backlog() throws SQLException {
        try (Statement s = connection.createStatement()) {
            long count = single(s, "SELECT count(*) FROM scan WHERE sent_at IS NULL");
            try (ResultSet rs = s.executeQuery("SELECT decided_at FROM scan WHERE sent_at IS NULL ORDER BY seq LIMIT 1")) {
                return new Backlog(count, rs.next() ? Optional.of(Instant.ofEpochMilli(rs.getLong(1))) : Optional.empty());
            }
        }
    }

    /**
     * The rows not yet acknowledged by the broker.
     *
     * @param unsentRows   how many
     * @param oldestUnsent when the first of them was decided; empty for none
     */
    public record Backlog(long unsentRows, Optional<Instant> oldestUnsent) {
    }

    /** The last {@code n} rows, oldest first. */
    public List<ScanRecord> tail(int n) throws SQLException {
        List<ScanRecord> rows = new ArrayList<>(query("SELECT " + columns + " FROM scan ORDER BY seq DESC LIMIT ?", n));
        java.util.Collections.reverse(rows);
        return rows;
    }

    /** Every row decided at or after {@code since} (by the wall clock it was decided on), in sequence order. */
    public void forEachSince(Instant since, Consumer<ScanRecord> action) throws SQLException {
        try (PreparedStatement q = connection.prepareStatement(
                "SELECT " + columns + " FROM scan WHERE decided_at >= ? ORDER BY seq")) {
            q.setLong(1, since.toEpochMilli());
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    action.accept(row(rs));
                }
            }
        }
    }

    /** Deletes the sent rows sent before {@code cutoff}: their retention is over. */
    public int deleteSentBefore(Instant cutoff) throws SQLException {
        try (PreparedStatement q = connection.prepareStatement("DELETE FROM scan WHERE sent_at IS NOT NULL AND sent_at < ?")) {
            q.setLong(1, cutoff.toEpochMilli());
            return q.executeUpdate();
        }
    }

    /** Deletes the {@code n} sent rows of lowest sequence: the cap's first to go. Unsent rows are never touched. */
    public int deleteOldestSent(int n) throws SQLException {
        try (PreparedStatement q = connection.prepareStatement("DELETE FROM scan WHERE seq IN"
                + " (SELECT seq FROM scan WHERE sent_at IS NOT NULL ORDER BY seq LIMIT ?)")) {
            q.setInt(1, n);
            return q.executeUpdate();
        }
    }

    /** Bytes of the database's pages in use: cheap (three header reads), so the writer checks it after every commit. */
    public long usedBytes() throws SQLException {
        try (Statement s = connection.createStatement()) {
            return (single(s, "PRAGMA page_count") - single(s, "PRAGMA freelist_count")) * single(s, "PRAGMA page_size");
        }
    }

    /** {@link #usedBytes} with the row counts: counts every row, so only for messages and status. */
    public Usage usage() throws SQLException {
        try (Statement s = connection.createStatement()) {
            long pageSize = single(s, "PRAGMA page_size");
            long pages = single(s, "PRAGMA page_count");
            long free = single(s, "PRAGMA freelist_count");
            long unsent = single(s, "SELECT count(*) FROM scan WHERE sent_at IS NULL");
            long all = single(s, "SELECT count(*) FROM scan");
            return new Usage((pages - free) * pageSize, pages * pageSize, all - unsent, unsent);
        }
    }

    private static long single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private List<ScanRecord> query(String sql, long... args) throws SQLException {
        try (PreparedStatement q = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                q.setLong(i + 1, args[i]);
            }
            List<ScanRecord> rows = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs));
                }
            }
            return rows;
        }
    }

    private static ScanRecord row(ResultSet rs) throws SQLException {
        String code = rs.getString("reason");
        // Codes are only ever added: one this agent does not know came from a newer agent; say so, never guess.
        Reason reason = Reason.fromCode(code).orElseThrow(() -> new SQLException("unknown reason code '" + code
                + "' in row " + safeSeq(rs)));
        String way = rs.getString("direction");
        Optional<Direction> direction = way == null ? Optional.empty() : Optional.of(direction(way, rs));
        long sentAt = rs.getLong("sent_at");
        Optional<Instant> sent = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(sentAt));
        ScanEntry entry = new ScanEntry(Instant.ofEpochMilli(rs.getLong("decided_at")), reason,
                Optional.ofNullable(rs.getString("cti")), Optional.ofNullable(rs.getString("issuer")),
                Optional.ofNullable(rs.getString("subject")), Optional.ofNullable(rs.getString("zone")),
                new ScanEntry.StageMicros(rs.getLong("decode_us"), rs.getLong("verify_us"), rs.getLong("decide_us"),
                        rs.getLong("relay_us")), direction);
        return new ScanRecord(rs.getLong("seq"), entry, sent);
    }

    private static Direction direction(String way, ResultSet rs) throws SQLException {
        for (Direction d : Direction.values()) {
            if (d.configName().equals(way)) {
                return d;
            }
        }
        throw new SQLException("unknown direction '" + way + "' in row " + safeSeq(rs) + " (entry or exit)");
    }

    private static String safeSeq(ResultSet rs) {
        try {
            return String.valueOf(rs.getLong("seq"));
        } catch (SQLException e) {
            return "?";
        }
    }

    /** The file, for messages. */
    public String file() {
        return file;
    }

    private static void rollbackQuietly(Statement s) {
        try {
            s.execute("ROLLBACK");
        } catch (SQLException ignored) {
            // The transaction may already be gone (SQLite rolls back on some errors itself); the cause is what matters.
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Closing after a failure to open: the failure is what is reported.
            }
        }
    }

    @Override
    public void close() {
        try {
            if (insert != null) {
                insert.close();
            }
        } catch (SQLException ignored) {
            // Closing; nothing is pending on a prepared statement.
        }
        closeQuietly(connection);
    }
}
