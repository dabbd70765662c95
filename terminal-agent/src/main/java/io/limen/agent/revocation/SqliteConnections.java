package io.limen.agent.revocation;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

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
        Path absolute = file.toAbsolutePath();
        String url = "jdbc:sqlite:" + absolute;
        return new SqliteConnections() {
            @Override
            public Connection open() throws SQLException {
                return DriverManager.getConnection(url);
            }

            @Override
            public String describe() {
                return absolute.toString();
            }

            @Override
            public String toString() {
                return "SqliteConnections.file(" + absolute + ")";
            }
        };
    }
}
