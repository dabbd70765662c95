package io.limen.agent.revocation;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

/**
 * What a SQLite error means for the person who named the file, in words that send them the right way:
 * a store another process holds locked is "locked by another process", not "not a SQLite database".
 * SQLite's own text follows in parentheses for whoever reads further.
 */
final class SqliteFailures {

    /** SQLite's primary result codes (the low byte of an extended code), https://sqlite.org/rescode.html. */
    static final int BUSY = 5;
    static final int LOCKED = 6;
    static final int READONLY = 8;
    static final int IOERR = 10;
    static final int CORRUPT = 11;
    static final int FULL = 13;
    static final int CANTOPEN = 14;
    static final int NOTADB = 26;

    private SqliteFailures() {
    }

    /** The primary result code of a SQLite failure; 0 when the exception did not come from SQLite. */
    static int code(SQLException e) {
        return e instanceof org.sqlite.SQLiteException ? e.getErrorCode() & 0xff : 0;
    }

    /** How long {@code connection} waits for a lock ({@code PRAGMA busy_timeout}), if it can say. */
    static Optional<Duration> busyTimeout(Connection connection) {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA busy_timeout")) {
            return rs.next() ? Optional.of(Duration.ofMillis(rs.getLong(1))) : Optional.empty();
        } catch (SQLException e) {
            return Optional.empty(); // only for the message; SQLite's own error is the one to report
        }
    }

    /**
     * The predicate of "revocation store FILE ...": what is wrong with the file, then SQLite's words.
     *
     * @param waited how long the connection waited for a lock, named when it gave up on one
     */
    static String describe(SQLException e, Optional<Duration> waited) {
        String sqlite = " (SQLite: " + e.getMessage() + ")";
        return switch (code(e)) {
            case BUSY, LOCKED -> "is locked by another process: it held a lock for longer than "
                    + waited.map(d -> "the " + (d.toMillis() % 1000 == 0 ? d.toSeconds() + " s " : d.toMillis() + " ms ")).orElse("the time ")
                    + "this command waits for it; try again when that process is done" + sqlite;
            case NOTADB -> "is not a SQLite database" + sqlite;
            case CORRUPT -> "is a damaged SQLite database" + sqlite;
            case CANTOPEN -> "cannot be opened" + sqlite;
            case READONLY -> "cannot be read without writing to its folder, which this process cannot do" + sqlite;
            case FULL -> "cannot be written: the disk is full" + sqlite;
            case IOERR -> "cannot be read: input/output error" + sqlite;
            default -> "cannot be read" + sqlite;
        };
    }
}
