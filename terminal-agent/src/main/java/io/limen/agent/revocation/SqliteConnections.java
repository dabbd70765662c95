package io.limen.agent.revocation;

import io.limen.config.RevocationConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.sqlite.SQLiteConfig;

/**
 * The one place that turns "which SQLite file" into a JDBC connection, so tests point at a temp file
 * and a fault-injecting factory can wrap the real one. The real factories load SQLite's native library
 * first ({@link SqliteNativeLibrary}), so that a failure to load it is one line naming its cause.
 */
public interface SqliteConnections {

    /** A new connection; the caller owns it and closes it. */
    Connection open() throws SQLException;

    /** What to name in error messages: the file, never credentials or URL options. */
    String describe();

    /**
     * The database file these connections open, when they open one as it is (the real factories); empty
     * for anything else, such as a factory that injects faults, which must not be bypassed.
     */
    default Optional<Path> file() {
        return Optional.empty();
    }

    /** The real factory: a SQLite database file, created if it does not exist; the default busy timeout. */
    static SqliteConnections file(Path file) {
        return file(file, RevocationConfig.DEFAULT_BUSY_TIMEOUT);
    }

    /**
     * The same, whose connections wait up to {@code busyTimeout} for another connection's write lock
     * rather than failing at once ({@link RevocationConfig#busyTimeout()}).
     */
    static SqliteConnections file(Path file, Duration busyTimeout) {
        Path absolute = file.toAbsolutePath();
        return of(absolute, "jdbc:sqlite:" + absolute, config(busyTimeout).toProperties(), true, "file(");
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
        Path absolute = file.toAbsolutePath();
        return of(absolute, "jdbc:sqlite:" + absolute, readOnlyConfig(busyTimeout).toProperties(), false, "readOnly(");
    }

    /**
     * A SQLite database file opened read-only as {@code immutable}: SQLite takes no locks and reads no
     * {@code -wal} or {@code -shm} file, so it reads a WAL database in a folder it cannot write. Only
     * safe while nothing writes the file; {@link RevocationStore#readSnapshot} checks that nothing did.
     */
    static SqliteConnections immutable(Path file) {
        Path absolute = file.toAbsolutePath();
        // A URI filename, so that SQLite takes the parameter; the path's own special characters escaped.
        return of(absolute, "jdbc:sqlite:file:" + uriPath(absolute) + "?immutable=1",
                readOnlyConfig(RevocationConfig.DEFAULT_BUSY_TIMEOUT).toProperties(), false, "immutable(");
    }

    private static SQLiteConfig config(Duration busyTimeout) {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(Math.toIntExact(busyTimeout.toMillis()));
        return config;
    }

    private static SQLiteConfig readOnlyConfig(Duration busyTimeout) {
        SQLiteConfig config = config(busyTimeout);
        config.setReadOnly(true); // also drops SQLITE_OPEN_CREATE
        return config;
    }

    private static SqliteConnections of(Path absolute, String url, Properties properties, boolean create, String kind) {
        return new SqliteConnections() {
            @Override
            public Connection open() throws SQLException {
                SqliteNativeLibrary.load();
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
            public Optional<Path> file() {
                return Optional.of(absolute);
            }

            @Override
            public String toString() {
                return "SqliteConnections." + kind + absolute + ")";
            }
        };
    }

    /** RFC 3986 percent-encoding of the characters that end or escape a path in a SQLite URI filename. */
    private static String uriPath(Path absolute) {
        StringBuilder encoded = new StringBuilder();
        for (char c : absolute.toString().toCharArray()) {
            encoded.append(c == '%' ? "%25" : c == '?' ? "%3f" : c == '#' ? "%23" : String.valueOf(c));
        }
        return encoded.toString();
    }
}
