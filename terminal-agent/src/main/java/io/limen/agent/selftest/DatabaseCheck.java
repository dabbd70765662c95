package io.limen.agent.selftest;

import io.limen.agent.revocation.SqliteConnections;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * SQLite's own {@code PRAGMA quick_check} of a database file, read-only: every page and index entry's
 * structure, without comparing indexes to their tables (that is {@code integrity_check}, much slower on a
 * store of millions of keys). SQLite stops the check at the time limit given (the JDBC query timeout).
 */
final class DatabaseCheck {

    /** The most problem lines kept: SQLite reports up to 100; the first few say what is wrong. */
    static final int MAX_LINES = 3;

    private static final int CORRUPT = 11;
    private static final int NOT_A_DATABASE = 26;

    private DatabaseCheck() {
    }

    /**
     * "ok", or SQLite's first problem lines joined by "; " (or its SQLITE_CORRUPT message when it stops the check).
     *
     * @throws SQLException if the file cannot be opened or read, or the check ran past {@code limit}
     */
    static String quickCheck(Path file, Duration limit) throws SQLException {
        try (Connection c = SqliteConnections.readOnly(file).open(); Statement s = c.createStatement()) {
            s.setQueryTimeout((int) Math.max(1, limit.toSeconds()));
            List<String> lines = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("PRAGMA quick_check")) {
                while (rs.next() && lines.size() < MAX_LINES) {
                    lines.add(rs.getString(1));
                }
            } catch (SQLException e) {
                // Where the damage sits decides whether quick_check lists it or SQLite stops the statement
                // with SQLITE_CORRUPT / SQLITE_NOTADB (primary codes 11, 26): both are a finding, not a
                // failure to check. Seen as a crash of the check in about 1 of 4 runs of a torn page.
                int primary = e.getErrorCode() & 0xff;
                if (primary != CORRUPT && primary != NOT_A_DATABASE) {
                    throw e;
                }
                lines.add(e.getMessage());
            }
            return String.join("; ", lines);
        }
    }
}
