package io.limen.agent.revocation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import io.limen.config.RevocationConfig;
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

    /** The real factory: a SQLite database file, created if it does not exist; the default busy timeout. */
    static SqliteConnections file(Path file) {
        return file(file, RevocationConfig.DEFAULT_BUSY_TIMEOUT);
    }

    /**
     * The same, whose connections wait up to {@code busyTimeout} for another connection's write lock
     * rather than failing at once ({@link RevocationConfig#busyTimeout()}).
     */
    static SqliteConnections file(Path file, Duration busyTimeout) {
        return of(file, config(busyTimeout).toProperties(), true);
    }

    /**
     * A SQLite database file opened read-only ({@code SQLITE_OPEN_READONLY}), for callers that only
     * read: a missing file is an error, never created, and every write fails.
     */
    static SqliteConnections readOnly(Path file) {
        return readOnly(file, RevocationConfig.DEFAULT_BUSY_TIMEOUT);
    }

    /** The same, with connections that wait up to {@code busyTimeout} for a writer. */
    static SqliteConnections readOnly(Path file, Duration busyTimeout) {
        SQLiteConfig config = config(busyTimeout);
        config.setReadOnly(true); // also drops SQLITE_OPEN_CREATE
        return of(file, config.toProperties(), false);
    }

    private static SQLiteConfig config(Duration busyTimeout) {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(Math.toIntExact(busyTimeout.toMillis()));
        return config;
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
