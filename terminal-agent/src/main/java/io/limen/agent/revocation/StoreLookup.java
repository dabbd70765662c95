package io.limen.agent.revocation;

import io.limen.format.credential.RevocationKey;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The point query that confirms a filter hit: a connection of its own to the revocation store, so that
 * it never waits for the writer's connection (in WAL, a reader reads the last committed list while an
 * update is being written). {@code PRAGMA query_only}: it cannot write, whatever the factory.
 *
 * <p>A hit it cannot confirm (the file became unreadable, the disk failed) is answered "revoked": the
 * filter said maybe, and a terminal that cannot check lets nobody in on a maybe. Logged at ERROR, once
 * per failure run, with SQLite's words.
 */
final class StoreLookup implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StoreLookup.class);
    private static final VarHandle BIG_ENDIAN_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final Connection connection;
    private final PreparedStatement query;
    private final String file;
    private final byte[] buffer = new byte[RevocationKey.LENGTH]; // bound (copied) by each executeQuery
    private boolean failing;

    private StoreLookup(Connection connection, String file) throws SQLException {
        this.connection = connection;
        this.file = file;
        this.query = connection.prepareStatement("SELECT 1 FROM revoked WHERE key = ?");
    }

    /** A new read-only connection from {@code connections}, with the point query prepared. */
    static StoreLookup open(SqliteConnections connections) throws SQLException {
        Connection connection = connections.open();
        try {
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA query_only = ON");
            }
            return new StoreLookup(connection, connections.describe());
        } catch (SQLException | RuntimeException e) {
            try {
                connection.close();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** The connection, for reading the whole list at start-up on the same connection. */
    Connection connection() {
        return connection;
    }

    /** Whether {@code key} is in the store now; true also when the store cannot be read (see the class comment). */
    synchronized boolean isRevoked(RevocationKey key) {
        try {
            BIG_ENDIAN_LONG.set(buffer, 0, key.high());
            BIG_ENDIAN_LONG.set(buffer, 8, key.low());
            query.setBytes(1, buffer);
            boolean found;
            try (ResultSet rs = query.executeQuery()) {
                found = rs.next();
            }
            if (failing) {
                failing = false;
                log.warn("Revocation store {} answers again", file);
            }
            return found;
        } catch (SQLException e) {
            if (!failing) {
                failing = true;
                log.error("Revocation store {} cannot confirm a filter hit for key {}; treating it, and every hit until"
                        + " the store answers again, as revoked: {}", file, key, e.getMessage());
            }
            return true;
        }
    }

    @Override
    public synchronized void close() {
        try {
            query.close();
            connection.close();
        } catch (SQLException e) {
            log.warn("Revocation store {}: closing the lookup connection failed: {}", file, e.getMessage());
        }
    }
}
