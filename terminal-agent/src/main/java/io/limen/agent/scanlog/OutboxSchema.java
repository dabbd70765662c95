package io.limen.agent.scanlog;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

/**
 * The outbox's tables, version {@value #VERSION}. A file with no tables gets them; a file of this
 * version is used as it is; a file of a newer version is refused (a newer agent wrote it and this one
 * would misread it); anything else is refused as not an outbox. Nothing is changed in a refused file.
 *
 * <p>{@code direction} was added to version 1 without a new version number: a nullable column at the
 * end, which an agent that does not know it neither reads nor writes (its statements name their
 * columns), so an older agent still uses the file after an upgrade and a rollback. A file made before
 * it gets the column when it is first opened for writing; opened to read, it reads as NULL.
 *
 * <pre>
 * schema_version(version INTEGER NOT NULL)                -- one row
 * scan(seq INTEGER PRIMARY KEY AUTOINCREMENT,             -- the sequence number: AUTOINCREMENT, so a
 *                                                         --   number is never reused, even once every
 *                                                         --   row is deleted (sqlite_sequence keeps it)
 *      decided_at INTEGER NOT NULL,                       -- unix milliseconds, the terminal's wall clock
 *      granted INTEGER NOT NULL,                          -- 1 granted, 0 denied
 *      reason TEXT NOT NULL,                              -- io.limen.format.Reason code
 *      cti TEXT, issuer TEXT, subject TEXT,               -- NULL unless the signature was verified
 *      zone TEXT,                                         -- the terminal's zone; NULL for any
 *      decode_us, verify_us, decide_us, relay_us INTEGER NOT NULL,
 *      gate_events TEXT,                                  -- reserved
 *      sent_at INTEGER,                                   -- unix ms of the PUBACK; NULL while unsent
 *      direction TEXT)                                    -- a gate event's direction, entry or exit; NULL for
 *                                                         --   decisions and entrance-wide events (added in
 *                                                         --   version 1: see below)
 * scan_unsent ON scan(seq) WHERE sent_at IS NULL          -- the uplink's reading order, and its count
 * </pre>
 */
final class OutboxSchema {

    static final int VERSION = 1;

    private OutboxSchema() {
    }

    /**
     * Checks what {@code connection}'s file holds and creates the tables of a new file. The first
     * statement is the first access to the file (the write lock when creating): a damaged or locked file fails there.
     *
     * @param create whether to create the tables in a file without any (false: opened to read)
     *
     * @return whether the scan table has the {@code direction} column (always, once opened to write)
     * @throws OutboxException NEWER_SCHEMA or NOT_AN_OUTBOX, naming the file and what was found
     */
    static boolean checkOrCreate(Connection connection, String file, boolean create) throws SQLException, OutboxException {
        Set<String> tables = create ? createIfEmpty(connection) : tables(connection);
        if (tables == null) {
            return true; // made just now
        }
        if (!tables.contains("schema_version")) {
            // Also an empty file opened to read only: there is no scan log in it.
            throw new OutboxException(OutboxException.Kind.NOT_AN_OUTBOX, "scan log " + file
                    + " is a SQLite database but not a scan log (no schema_version table; it has " + tables + ")", null);
        }
        long version;
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT max(version) FROM schema_version")) {
            version = rs.next() ? rs.getLong(1) : 0;
        }
        if (version > VERSION) {
            throw new OutboxException(OutboxException.Kind.NEWER_SCHEMA, "scan log " + file + " has schema version "
                    + version + ", newer than this agent's " + VERSION + ": a newer Limen wrote it; run that version,"
                    + " or move the file aside (its unsent scans are in it) to start a new log", null);
        }
        if (version < VERSION || !tables.contains("scan")) {
            throw new OutboxException(OutboxException.Kind.NOT_AN_OUTBOX, "scan log " + file
                    + " has schema version " + version + " or no scan table; this agent knows only version " + VERSION, null);
        }
        return create ? addDirection(connection) : hasDirection(connection);
    }

    private static boolean hasDirection(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA table_info(scan)")) {
            while (rs.next()) {
                if ("direction".equals(rs.getString("name"))) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Adds {@code direction} to a file made before it, under the write lock: the writer and the uplink
     * open the file together at start, and the second must find the column, not add it again.
     */
    private static boolean addDirection(Connection connection) throws SQLException {
        if (hasDirection(connection)) {
            return true;
        }
        try (Statement s = connection.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            try {
                if (!hasDirection(connection)) {
                    s.execute("ALTER TABLE scan ADD COLUMN direction TEXT");
                }
                s.execute("COMMIT");
                return true;
            } catch (SQLException | RuntimeException e) {
                try {
                    s.execute("ROLLBACK");
                } catch (SQLException ignored) {
                    // Already rolled back by SQLite; the cause is what matters.
                }
                throw e;
            }
        }
    }

    private static Set<String> tables(Connection connection) throws SQLException {
        Set<String> tables = new HashSet<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    /**
     * The file's tables, or null after making them in a file that had none. Under the write lock
     * (BEGIN IMMEDIATE): the scan-log writer and the uplink open a new file at the same moment when a
     * terminal starts, and the one that comes second must find the tables, not make them again.
     */
    private static Set<String> createIfEmpty(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            try {
                Set<String> tables = tables(connection);
                if (tables.isEmpty()) {
                    create(s);
                }
                s.execute("COMMIT");
                return tables.isEmpty() ? null : tables;
            } catch (SQLException | RuntimeException e) {
                try {
                    s.execute("ROLLBACK");
                } catch (SQLException ignored) {
                    // Already rolled back by SQLite; the cause is what matters.
                }
                throw e;
            }
        }
    }

    private static void create(Statement s) throws SQLException {
        s.execute("CREATE TABLE schema_version(version INTEGER NOT NULL)");
        s.execute("INSERT INTO schema_version(version) VALUES (" + VERSION + ")");
        s.execute("CREATE TABLE scan(seq INTEGER PRIMARY KEY AUTOINCREMENT, decided_at INTEGER NOT NULL,"
                + " granted INTEGER NOT NULL, reason TEXT NOT NULL, cti TEXT, issuer TEXT, subject TEXT, zone TEXT,"
                + " decode_us INTEGER NOT NULL, verify_us INTEGER NOT NULL, decide_us INTEGER NOT NULL,"
                + " relay_us INTEGER NOT NULL, gate_events TEXT, sent_at INTEGER, direction TEXT)");
        s.execute("CREATE INDEX scan_unsent ON scan(seq) WHERE sent_at IS NULL");
    }
}
