package io.limen.agent.revocation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * The filter kept in the store beside the list it was built from, so that a terminal starts by reading
 * one 18 MB blob (about 0.1 s) instead of every key (seconds at 10 M, many more on a Pi). One row:
 *
 * <pre>
 * revocation_filter(id INTEGER PRIMARY KEY CHECK(id = 1),
 *                   version  INTEGER NOT NULL,   -- the list version it holds every key of
 *                   keys     INTEGER NOT NULL,   -- how many keys that version has
 *                   capacity INTEGER NOT NULL,   -- what it was sized for (RevocationFilter.capacityFor)
 *                   crc32c   INTEGER NOT NULL,   -- of bloom, to notice a damaged blob
 *                   bloom    BLOB NOT NULL)      -- Guava's serial form
 * </pre>
 *
 * It is only a cache: a row of another version than the list's, a checksum that does not match, or
 * bytes that are not a filter are ignored, and the filter is rebuilt from the keys. Written after the
 * update it belongs to, in a transaction that checks the list is still at its version; a crash between
 * the two leaves an older row, which the next start ignores.
 */
final class FilterTable {

    record Stored(long version, int keys, RevocationFilter filter) {
    }

    private FilterTable() {
    }

    static void create(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS revocation_filter(id INTEGER PRIMARY KEY CHECK(id = 1),"
                    + " version INTEGER NOT NULL, keys INTEGER NOT NULL, capacity INTEGER NOT NULL,"
                    + " crc32c INTEGER NOT NULL, bloom BLOB NOT NULL)");
        }
    }

    /** The stored filter if it holds {@code version} and is whole; empty otherwise (or if there is no such table). */
    static Optional<Stored> read(Connection connection, long version) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet table = s.executeQuery("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'revocation_filter'")) {
            if (!table.next()) {
                return Optional.empty();
            }
        }
        try (PreparedStatement q = connection.prepareStatement(
                "SELECT version, keys, capacity, crc32c, bloom FROM revocation_filter WHERE id = 1 AND version = ?")) {
            q.setLong(1, version);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long keys = rs.getLong(2);
                long capacity = rs.getLong(3);
                long crc = rs.getLong(4);
                byte[] bloom = rs.getBytes(5);
                if (bloom == null || keys < 0 || keys > Integer.MAX_VALUE || capacity < keys
                        || RevocationFilter.checksum(bloom) != crc) {
                    return Optional.empty();
                }
                return RevocationFilter.fromBytes(bloom, capacity).map(f -> new Stored(version, (int) keys, f));
            }
        }
    }

    /** Stores {@code filter} as the one for {@code version}; the caller holds the write transaction. */
    static void write(Connection connection, long version, int keys, RevocationFilter filter) throws SQLException {
        byte[] bloom = filter.toBytes();
        try (PreparedStatement w = connection.prepareStatement("INSERT OR REPLACE INTO revocation_filter"
                + "(id, version, keys, capacity, crc32c, bloom) VALUES (1, ?, ?, ?, ?, ?)")) {
            w.setLong(1, version);
            w.setInt(2, keys);
            w.setLong(3, filter.capacity());
            w.setLong(4, RevocationFilter.checksum(bloom));
            w.setBytes(5, bloom);
            w.executeUpdate();
        }
    }
}
