package io.limen.agent.revocation;

import io.limen.format.credential.RevocationKey;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQLite file that holds the revocation list: the keys and the version of the list they came from
 * (tables in {@link RevocationSchema}).
 *
 * <p>Version 0 means no list has been stored yet. Every update runs in one {@code BEGIN IMMEDIATE}
 * transaction that checks the version, changes the keys and records the new version, so a reader (or
 * a crash) sees the old list or the new one, never a mix. Journal: WAL with {@code synchronous=FULL}
 * — updates are rare, and an applied list must survive a power cut.
 *
 * <p>The scan path asks a {@link RevocationSet} from {@link #loadSnapshot()}, not this class. A caller
 * that only reads the file (the {@code scan} command, the demo's terminal) uses
 * {@link #readSnapshot(SqliteConnections)}, which never writes to it. One connection, so methods are
 * synchronized; all are cheap except updates and the snapshot load.
 */
public final class RevocationStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RevocationStore.class);
    private static final VarHandle BIG_ENDIAN_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** The meta row that holds the stored list's signed issue time, unix seconds. */
    static final String ISSUED_AT_NAME = "revocation_issued_at";

    private final Connection connection;
    private final String file;
    private final PreparedStatement pointQuery;

    private RevocationStore(Connection connection, String file) throws SQLException {
        this.connection = connection;
        this.file = file;
        this.pointQuery = connection.prepareStatement("SELECT 1 FROM revoked WHERE key = ?");
    }

    /**
     * Opens the store for reading and writing, creating the file and schema if needed, and switches
     * the file to WAL. An existing file is checked first, before anything is written to it: a file
     * that is not a SQLite database, a {@code revoked} or {@code meta} table of another shape, keys
     * that are not 16 bytes, or a bad version, throws {@link RevocationStoreException} naming the
     * file and leaves the file as it was. Callers that only read use {@link #readSnapshot}.
     */
    public static RevocationStore open(SqliteConnections connections) {
        String file = connections.describe();
        Connection connection = connect(connections);
        try {
            RevocationSchema.checkExisting(connection, file);
            configure(connection, file);
            RevocationStore store = new RevocationStore(connection, file);
            log.info("Opened revocation store {} at list version {}", file, store.version());
            return store;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection, e);
            if (e instanceof RevocationStoreException rse) {
                throw rse;
            }
            throw new RevocationStoreException("revocation store " + file + " is unusable: " + e.getMessage(), e);
        }
    }

    /**
     * A connection from the factory, which sets its busy timeout ({@link SqliteConnections#file(java.nio.file.Path,
     * java.time.Duration)}): it waits for a writer rather than failing at once.
     */
    private static Connection connect(SqliteConnections connections) {
        try {
            return connections.open();
        } catch (SQLException e) {
            throw new RevocationStoreException("revocation store " + connections.describe() + " cannot be opened: " + e.getMessage(), e);
        }
    }

    private static void configure(Connection connection, String file) throws SQLException {
        String mode = SqliteJournal.walWithFullSync(connection);
        if (!"wal".equals(mode)) {
            log.warn("Revocation store {} runs in journal mode {}, not WAL: readers may wait for updates", file, mode);
        }
        RevocationSchema.create(connection);
        FilterTable.create(connection);
        try (Statement s = connection.createStatement()) {
            // A snapshot in chunks is staged here until its last chunk, then swapped in whole.
            s.execute("CREATE TABLE IF NOT EXISTS revoked_staging(key BLOB PRIMARY KEY CHECK(length(key) = 16)) WITHOUT ROWID");
        }
    }

    /**
     * The list in the file, read without writing to it: no journal-mode change, no tables created,
     * and {@code PRAGMA query_only} on the connection. Pass {@link SqliteConnections#readOnly}, so a
     * missing file is an error too, never created. The file is checked as {@link #open} checks it,
     * and must already hold a {@code revoked} table; without a {@code meta} table the version is 0.
     *
     * <p>The database file is left byte for byte as it was. A WAL-mode file that no other connection
     * has open gets the empty {@code -wal} and {@code -shm} files every WAL reader needs, from SQLite
     * itself; a read-only connection cannot remove them, and the next writer uses them as they are.
     *
     * <p>A WAL store in a folder this process cannot write (read-only media, another user's folder) is
     * read too when its {@code -wal} holds nothing, see {@link ImmutableSnapshot}; a store another
     * process keeps locked for longer than the factory's busy timeout is refused as locked.
     *
     * @throws RevocationStoreException naming the file and the cause, if it cannot be opened or read
     *     (locked, a WAL file that cannot be indexed, missing), is not a revocation store, or holds
     *     anything {@link #open} would refuse
     */
    public static RevocationSet readSnapshot(SqliteConnections connections) {
        try {
            return readOnce(connections);
        } catch (RevocationStoreException e) {
            // "Unable to open": often a WAL store whose folder cannot be written (SQLite wants its -shm there).
            if (e.getCause() instanceof SQLException sql && SqliteFailures.code(sql) == SqliteFailures.CANTOPEN
                    && connections.file().isPresent()) {
                return ImmutableSnapshot.read(connections.file().get(), e, RevocationStore::readOnce);
            }
            throw e;
        }
    }

    private static RevocationSet readOnce(SqliteConnections connections) {
        String file = connections.describe();
        Connection connection = connect(connections);
        try (connection) {
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA query_only = ON"); // no writes even through a read-write factory
            }
            RevocationSchema.Tables tables = RevocationSchema.checkExisting(connection, file);
            if (!tables.revoked()) {
                throw new RevocationStoreException("revocation store " + file + " is not a revocation store: it has no revoked table");
            }
            return readList(connection, file, tables.meta());
        } catch (SQLException e) {
            throw new RevocationStoreException("revocation store " + file + " " + SqliteFailures.describe(e, Optional.empty()), e);
        }
    }

    /** The version of the stored list; 0 if none has been stored. */
    public synchronized long version() {
        try {
            return RevocationSchema.readVersion(connection, file);
        } catch (SQLException e) {
            throw failure("cannot read the list version", e);
        }
    }

    /** What an update changed in the table: rows inserted (new keys) and rows deleted. */
    public record Change(int inserted, int deleted) {
    }

    /**
     * Replaces the whole list with {@code keys} (duplicates allowed) and records {@code version}, in
     * one transaction.
     *
     * <p>Throws rather than returning a result: the caller is our own list-update code, which has
     * already checked the signed update and its version against {@link #version()}; a version that
     * does not grow here is a bug or a second writer, and the file must not move backwards.
     *
     * @return the rows inserted (the distinct keys) and deleted (the old list)
     * @throws IllegalArgumentException if {@code version} is not greater than {@link #version()}; the
     *     store is left unchanged
     */
    public Change replaceAll(long version, Collection<RevocationKey> keys) {
        return apply(version, keys, java.util.List.of(), true);
    }

    /**
     * Adds {@code keys} to the list (keys already present are ignored) and records {@code version},
     * in one transaction. Same version rule, and same reason for throwing, as {@link #replaceAll}.
     */
    public Change add(long version, Collection<RevocationKey> keys) {
        return apply(version, keys, java.util.List.of(), false);
    }

    /**
     * Removes {@code removed}, then adds {@code added} (a delta), and records {@code version}, in one
     * transaction; keys already absent or already present are ignored. Same version rule, and same
     * reason for throwing, as {@link #replaceAll}.
     */
    public Change applyDelta(long version, Collection<RevocationKey> added, Collection<RevocationKey> removed) {
        return apply(version, added, removed, false);
    }

    private Change apply(long version, Collection<RevocationKey> keys, Collection<RevocationKey> removed, boolean replace) {
        // Sorted first, outside the transaction: in-order inserts into the B-tree are ~4x faster.
        RevocationKey[] sorted = keys.toArray(new RevocationKey[0]);
        Arrays.sort(sorted); // NullPointerException on a null key, before anything is written
        RevocationKey[] sortedRemoved = removed.toArray(new RevocationKey[0]);
        Arrays.sort(sortedRemoved);
        synchronized (this) {
            long started = System.nanoTime();
            Change change;
            try (Statement s = connection.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
                try {
                    long stored = RevocationSchema.readVersion(connection, file);
                    if (version <= stored) {
                        throw new IllegalArgumentException("revocation list version must grow: stored version is "
                                + stored + ", but the update has version " + version);
                    }
                    int deleted = 0;
                    if (replace) {
                        s.execute("DELETE FROM revoked");
                        deleted = Math.max(0, s.getUpdateCount());
                    }
                    deleted += write("DELETE FROM revoked WHERE key = ?", sortedRemoved);
                    int inserted = write("INSERT OR IGNORE INTO revoked(key) VALUES (?)", sorted);
                    try (PreparedStatement update = connection.prepareStatement(
                            "INSERT INTO meta(name, value) VALUES (?, ?)"
                                    + " ON CONFLICT(name) DO UPDATE SET value = excluded.value")) {
                        update.setString(1, RevocationSchema.VERSION_NAME);
                        update.setLong(2, version);
                        update.executeUpdate();
                    }
                    s.execute("COMMIT");
                    change = new Change(inserted, deleted);
                } catch (SQLException | RuntimeException | Error e) {
                    rollbackQuietly(s, e);
                    throw e;
                }
            } catch (SQLException e) {
                throw failure((replace ? "cannot replace the list with" : sortedRemoved.length == 0
                        ? "cannot add to the list" : "cannot apply a delta to the list to reach")
                        + " version " + version + " (" + sorted.length + " keys"
                        + (sortedRemoved.length == 0 ? "" : " added, " + sortedRemoved.length + " removed") + ")", e);
            }
            log.info("Revocation store {} {} {} keys, removed {}, now at list version {}, in {} ms", file,
                    replace ? "replaced with" : "added", change.inserted(), change.deleted(), version,
                    (System.nanoTime() - started) / 1_000_000);
            return change;
        }
    }

    /** Runs {@code sql} with each key bound as its one parameter; the rows it changed. */
    private int write(String sql, RevocationKey[] sorted) throws SQLException {
        int changed = 0;
        if (sorted.length == 0) {
            return 0; // no statement at all: the fault-injection tests count every write
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            byte[] buffer = new byte[RevocationKey.LENGTH]; // bound (copied) by each executeUpdate
            for (RevocationKey key : sorted) {
                BIG_ENDIAN_LONG.set(buffer, 0, key.high());
                BIG_ENDIAN_LONG.set(buffer, 8, key.low());
                statement.setBytes(1, buffer);
                changed += statement.executeUpdate();
            }
        }
        return changed;
    }

    /**
     * Records when list {@code version} was signed (its issue time), if the store is still at that
     * version: the staleness policy judges the list's age from it. Written after the update; a crash in
     * between leaves the older time, and the list looks older than it is, never newer.
     */
    public synchronized void recordIssuedAt(long version, java.time.Instant issuedAt) {
        try (PreparedStatement w = connection.prepareStatement("INSERT INTO meta(name, value) SELECT ?, ?"
                + " WHERE (SELECT value FROM meta WHERE name = ?) = ?"
                + " ON CONFLICT(name) DO UPDATE SET value = excluded.value")) {
            w.setString(1, ISSUED_AT_NAME);
            w.setLong(2, issuedAt.getEpochSecond());
            w.setString(3, RevocationSchema.VERSION_NAME);
            w.setLong(4, version);
            w.executeUpdate();
        } catch (SQLException e) {
            throw failure("cannot record the issue time of list version " + version, e);
        }
    }

    /** When the stored list was signed; empty if it never said (a list written before signed lists). */
    public synchronized Optional<java.time.Instant> issuedAt() {
        try (PreparedStatement q = connection.prepareStatement("SELECT value FROM meta WHERE name = ?")) {
            q.setString(1, ISSUED_AT_NAME);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(java.time.Instant.ofEpochSecond(rs.getLong(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("cannot read the list's issue time", e);
        }
    }

    /** Empties the staging table: a chunked snapshot starts, or is dropped. */
    public synchronized void discardStaged() {
        try (Statement s = connection.createStatement()) {
            s.execute("DELETE FROM revoked_staging");
        } catch (SQLException e) {
            throw failure("cannot empty the staging table", e);
        }
    }

    /**
     * Adds one chunk's keys to the staging table in one transaction; the list itself is unchanged.
     *
     * @return how many of them were not staged already (fewer than given: a key in two chunks)
     */
    public int stage(Collection<RevocationKey> keys) {
        RevocationKey[] sorted = keys.toArray(new RevocationKey[0]);
        Arrays.sort(sorted);
        synchronized (this) {
            try (Statement s = connection.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
                try {
                    int staged = write("INSERT OR IGNORE INTO revoked_staging(key) VALUES (?)", sorted);
                    s.execute("COMMIT");
                    return staged;
                } catch (SQLException | RuntimeException | Error e) {
                    rollbackQuietly(s, e);
                    throw e;
                }
            } catch (SQLException e) {
                throw failure("cannot stage " + sorted.length + " keys", e);
            }
        }
    }

    /**
     * Replaces the list with the staged keys and records {@code version}, in one transaction that
     * also empties the staging table. Same version rule, and same reason for throwing, as {@link #replaceAll}.
     */
    public synchronized Change replaceWithStaged(long version) {
        long started = System.nanoTime();
        try (Statement s = connection.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            try {
                long stored = RevocationSchema.readVersion(connection, file);
                if (version <= stored) {
                    throw new IllegalArgumentException("revocation list version must grow: stored version is "
                            + stored + ", but the update has version " + version);
                }
                s.execute("DELETE FROM revoked");
                int deleted = Math.max(0, s.getUpdateCount());
                s.execute("INSERT INTO revoked(key) SELECT key FROM revoked_staging ORDER BY key");
                int inserted = s.getUpdateCount();
                s.execute("DELETE FROM revoked_staging");
                try (PreparedStatement update = connection.prepareStatement(
                        "INSERT INTO meta(name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value")) {
                    update.setString(1, RevocationSchema.VERSION_NAME);
                    update.setLong(2, version);
                    update.executeUpdate();
                }
                s.execute("COMMIT");
                log.info("Revocation store {} replaced with {} staged keys, now at list version {}, in {} ms", file,
                        inserted, version, (System.nanoTime() - started) / 1_000_000);
                return new Change(inserted, deleted);
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(s, e);
                throw e;
            }
        } catch (SQLException e) {
            throw failure("cannot replace the list with the staged keys as version " + version, e);
        }
    }

    /**
     * Keeps {@code filter} in the file as the filter of list {@code version} with {@code keys} keys, so
     * the next start reads it instead of every key ({@link FilterTable}); nothing is written if the list
     * has moved past {@code version} meanwhile.
     *
     * @return whether it was written
     */
    public synchronized boolean saveFilter(long version, int keys, RevocationFilter filter) {
        try (Statement s = connection.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            try {
                boolean current = RevocationSchema.readVersion(connection, file) == version;
                if (current) {
                    FilterTable.write(connection, version, keys, filter);
                }
                s.execute("COMMIT");
                return current;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(s, e);
                throw e;
            }
        } catch (SQLException e) {
            throw failure("cannot keep the filter of list version " + version, e);
        }
    }

    /** Whether {@code key} is in the table: a point query, for callers that want the file itself. */
    public synchronized boolean isRevoked(RevocationKey key) {
        try {
            pointQuery.setBytes(1, key.toBytes());
            try (ResultSet rs = pointQuery.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw failure("cannot look up key " + key, e);
        }
    }

    /**
     * The whole list and its version, read in one transaction {@code ORDER BY key} straight into a
     * {@link RevocationSet} (its order is checked as rows arrive, never re-sorted).
     */
    public synchronized RevocationSet loadSnapshot() {
        try {
            return readList(connection, file, true);
        } catch (SQLException e) {
            throw failure("cannot load the list", e);
        }
    }

    private static RevocationSet readList(Connection connection, String file, boolean hasMeta) throws SQLException {
        long started = System.nanoTime();
        RevocationSet snapshot;
        try (Statement s = connection.createStatement()) {
            s.execute("BEGIN"); // one read transaction: the version and the keys of the same list
            try {
                long version = hasMeta ? RevocationSchema.readVersion(connection, file) : 0;
                int count;
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM revoked")) {
                    count = rs.next() ? rs.getInt(1) : 0;
                }
                RevocationSet.Builder builder = RevocationSet.sortedBuilder(version, count);
                try (ResultSet rs = s.executeQuery("SELECT key FROM revoked ORDER BY key")) {
                    while (rs.next()) {
                        byte[] key = rs.getBytes(1);
                        if (key == null || key.length != RevocationKey.LENGTH) {
                            throw new RevocationStoreException("revocation store " + file
                                    + " has a revoked key that is not 16 bytes, but "
                                    + (key == null ? "null" : key.length + " bytes"));
                        }
                        addInOrder(builder, key, file);
                    }
                }
                snapshot = builder.build();
                s.execute("COMMIT");
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(s, e);
                throw e;
            }
        }
        log.info("Loaded revocation list version {} ({} keys) from {} in {} ms", snapshot.version(),
                snapshot.size(), file, (System.nanoTime() - started) / 1_000_000);
        return snapshot;
    }

    /**
     * The primary key keeps the keys unique, and SQLite orders blobs as the builder does: keys that
     * arrive repeated or out of order mean a damaged file, reported as the file's fault.
     */
    private static void addInOrder(RevocationSet.Builder builder, byte[] key, String file) {
        try {
            builder.add((long) BIG_ENDIAN_LONG.get(key, 0), (long) BIG_ENDIAN_LONG.get(key, 8));
        } catch (IllegalArgumentException e) {
            throw new RevocationStoreException("revocation store " + file
                    + " returned its revoked keys out of order or repeated (damaged file?): " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            pointQuery.close();
            connection.close();
        } catch (SQLException e) {
            throw failure("cannot close", e);
        }
    }

    @Override
    public String toString() {
        return "RevocationStore{" + file + "}";
    }

    private RevocationStoreException failure(String what, SQLException e) {
        return new RevocationStoreException("revocation store " + file + ": " + what + ": " + e.getMessage(), e);
    }

    private static void rollbackQuietly(Statement s, Throwable cause) {
        try {
            s.execute("ROLLBACK");
        } catch (SQLException e) {
            cause.addSuppressed(e); // already rolled back by SQLite (e.g. on a full disk); keep the first error
        }
    }

    private static void closeQuietly(Connection connection, Throwable cause) {
        try {
            connection.close();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
