package io.limen.agent.revocation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.sqlite.SQLiteConfig;

/**
 * The one place that turns "which SQLite file" into a JDBC connection, so tests point at a temp file
 * and a fault-injecting factory can wrap the real one.
 */
public interface SqliteConnections {

    /** A new connection; the caller owns it and closes it. */
    Connection open() throws SQLException;

    /** What to name in error messages: the file, never credentials or URL options. */
    String describe();

    /** The real factory: a SQLite database file, created if it does not exist. */
    static SqliteConnections file(Path file) {
        return of(file, new Properties(), true);
    }

    /**
     * A SQLite database file opened read-only ({@code SQLITE_OPEN_READONLY}), for callers that only
     * read: a missing file is an error, never created, and every write fails.
     */
    static SqliteConnections readOnly(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true); // also drops SQLITE_OPEN_CREATE
        return of(file, config.toProperties(), false);
    }

    private static SqliteConnections of(Path file, Properties properties, boolean create) {
        Path absolute = file.toAbsolutePath();
        String url = "jdbc:sqlite:" + absolute;
        return new SqliteConnections() {
            @Override
            public Connection open() throws SQLException {
                try {
                    return DriverManager.getConnection(url, properties);
                } catch (SQLException e) {
                    // SQLite says only "unable to open database file"; name the usual cause.
                    throw !create && Files.notExists(absolute) ? new SQLException("no such file", e) : e;
                }
            }

            @Override
            public String describe() {
                return absolute.toString();
            }

            @Override
            public String toString() {
                return "SqliteConnections." + (create ? "file(" : "readOnly(") + absolute + ")";
            }
        };
    }
}
