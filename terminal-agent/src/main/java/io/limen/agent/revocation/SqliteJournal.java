package io.limen.agent.revocation;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * The journal settings every SQLite file the agent writes uses (the revocation store, the scan log's
 * outbox), set in one place so the two cannot drift apart.
 */
public final class SqliteJournal {

    private SqliteJournal() {
    }

    /**
     * Asks for {@code journal_mode=WAL} (readers never wait for a writer) and sets {@code synchronous=FULL}
     * (each commit fsyncs the WAL, so a committed transaction survives a power cut).
     *
     * @return the journal mode SQLite kept, lower-case: {@code "wal"} unless the file or its folder does not
     *         allow it (each caller decides whether that is fatal)
     * @throws SQLException from SQLite, such as a locked or read-only file
     */
    public static String walWithFullSync(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            String mode;
            try (ResultSet rs = s.executeQuery("PRAGMA journal_mode = WAL")) {
                mode = rs.next() ? rs.getString(1).toLowerCase(Locale.ROOT) : "unknown";
            }
            s.execute("PRAGMA synchronous = FULL");
            return mode;
        }
    }
}
