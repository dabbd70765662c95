package io.limen.agent.revocation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The store's two tables, and the read-only check of what a file already holds before the store
 * reads from it or writes to it. A file that fails the check is refused with a
 * {@link RevocationStoreException} naming it, and is not touched.
 *
 * <pre>
 * revoked(key BLOB PRIMARY KEY CHECK(length(key)=16)) WITHOUT ROWID   -- one row per revoked key
 * meta(name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID   -- 'revocation_version' → n
 * </pre>
 */
final class RevocationSchema {

    static final String VERSION_NAME = "revocation_version";

    /** The revoked table as {@link #create} makes it; SQLite keeps this text in {@code sqlite_master}. */
    private static final String REVOKED_SQL = "CREATE TABLE revoked(key BLOB PRIMARY KEY CHECK(length(key) = 16)) WITHOUT ROWID";

    /** The columns a table must have, in order; constraints beyond the primary key are not required. */
    private static final List<Column> REVOKED = List.of(new Column("key", "BLOB", true));
    private static final List<Column> META = List.of(new Column("name", "TEXT", true), new Column("value", "INTEGER", false));

    /** Which of the store's tables the file already has. */
    record Tables(boolean revoked, boolean meta) {
    }

    private record Column(String name, String type, boolean primaryKey) {
        @Override
        public String toString() {
            return name + " " + type + (primaryKey ? " PRIMARY KEY" : "");
        }
    }

    private RevocationSchema() {
    }

    /** Creates the tables that are missing. The caller has run {@link #checkExisting} first. */
    static void create(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(REVOKED_SQL.replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS"));
            s.execute("CREATE TABLE IF NOT EXISTS meta(name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID");
        }
    }

    /**
     * Checks the tables already in the file, reading only: their shape, that every key is a 16-byte
     * blob, and the version. The first statement fails on a file that is not a SQLite database, or
     * that SQLite cannot read now (locked for longer than the connection's busy timeout, a WAL file it
     * cannot index), each said as such.
     */
    static Tables checkExisting(Connection connection, String file) throws SQLException {
        boolean hasRevoked = false;
        boolean hasMeta = false;
        boolean ours = false;
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT type, name, sql FROM sqlite_master"
                        + " WHERE name COLLATE NOCASE IN ('revoked', 'meta')")) {
            while (rs.next()) {
                String name = rs.getString(2).toLowerCase(Locale.ROOT); // SQLite's names ignore case
                if (!rs.getString(1).equals("table")) {
                    throw new RevocationStoreException("revocation store " + file + " has a " + rs.getString(1)
                            + " named " + rs.getString(2) + " where the " + name + " table belongs");
                }
                hasRevoked |= name.equals("revoked");
                ours |= name.equals("revoked") && REVOKED_SQL.equals(rs.getString(3));
                hasMeta |= name.equals("meta");
            }
        } catch (SQLException e) {
            // The first read of the file: a lock, a missing -shm or a damaged file shows up here too.
            throw new RevocationStoreException("revocation store " + file + " " + SqliteFailures.describe(e, SqliteFailures.busyTimeout(connection)), e);
        }
        if (hasRevoked) {
            checkShape(connection, file, "revoked", REVOKED);
        }
        if (hasRevoked && !ours) {
            // A full scan, once at start-up (~0.1 s for a million keys, 2 s at 10 M): a table made
            // without our CHECK constraint could hold keys that no credential can ever match. Our own
            // table's CHECK already holds every key to 16 bytes, so it is not scanned.
            try (Statement s = connection.createStatement();
                    ResultSet rs = s.executeQuery("SELECT typeof(key), length(key) FROM revoked"
                            + " WHERE typeof(key) <> 'blob' OR length(key) <> 16 LIMIT 1")) {
                if (rs.next()) {
                    throw new RevocationStoreException("revocation store " + file
                            + " has a revoked key that is not a 16-byte blob, but a " + rs.getString(1)
                            + " of length " + rs.getLong(2));
                }
            }
        }
        if (hasMeta) {
            checkShape(connection, file, "meta", META);
            readVersion(connection, file);
        }
        return new Tables(hasRevoked, hasMeta);
    }

    /**
     * Refuses a table whose columns are not exactly {@code expected}: without its primary key, the
     * revoked table could hold a key twice, and the snapshot and the updates rely on it not doing so.
     */
    private static void checkShape(Connection connection, String file, String table, List<Column> expected)
            throws SQLException {
        List<Column> found = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (rs.next()) {
                found.add(new Column(rs.getString("name").toLowerCase(Locale.ROOT),
                        rs.getString("type").toUpperCase(Locale.ROOT), rs.getInt("pk") > 0));
            }
        }
        if (!found.equals(expected)) {
            throw new RevocationStoreException("revocation store " + file + " has a " + table
                    + " table of another shape: expected " + table + "(" + join(expected) + "), but found "
                    + table + "(" + join(found) + ")");
        }
    }

    private static String join(List<Column> columns) {
        return String.join(", ", columns.stream().map(Column::toString).toList());
    }

    /** The version of the stored list; 0 if none has been stored. The meta table must exist. */
    static long readVersion(Connection connection, String file) throws SQLException {
        try (PreparedStatement q = connection.prepareStatement("SELECT typeof(value), value FROM meta WHERE name = ?")) {
            q.setString(1, VERSION_NAME);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    return 0;
                }
                long version = rs.getLong(2);
                if (!"integer".equals(rs.getString(1)) || version < 0) {
                    throw new RevocationStoreException("revocation store " + file
                            + " has a list version that is not a non-negative integer, but the "
                            + rs.getString(1) + " '" + rs.getString(2) + "'");
                }
                return version;
            }
        }
    }
}
