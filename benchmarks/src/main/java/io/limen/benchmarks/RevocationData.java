package io.limen.benchmarks;

import io.limen.agent.revocation.RevocationStore;
import io.limen.agent.revocation.SqliteConnections;
import io.limen.format.credential.RevocationKey;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.management.ManagementFactory;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The revocation stores the revocation benchmarks read: {@code n} random 16-byte keys at list version 1,
 * written once into the temp folder ({@code limen-bench/revocations-N.db}, about 30 bytes a key on disk)
 * and reused by later runs, since writing 10 M rows takes longer than the benchmarks themselves. The
 * keys are generated in ascending order (one per 1/n of the key space, at a random place in it), so
 * they go in as one sorted stream without ever being held in memory.
 */
final class RevocationData {

    private static final VarHandle BIG_ENDIAN_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private RevocationData() {
    }

    /** The store of {@code n} keys, written now if no earlier run left it complete. */
    static Path store(int n) throws IOException, SQLException {
        Path folder = Path.of(System.getProperty("java.io.tmpdir"), "limen-bench");
        Files.createDirectories(folder);
        Path file = folder.resolve("revocations-" + n + ".db");
        Path done = folder.resolve("revocations-" + n + ".done");
        if (Files.exists(done) && Files.exists(file)) {
            return file;
        }
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(Path.of(file + suffix));
        }
        long started = System.nanoTime();
        RevocationStore.open(SqliteConnections.file(file)).close(); // the store's own schema and WAL
        try (Connection c = SqliteConnections.file(file).open(); Statement s = c.createStatement()) {
            s.execute("PRAGMA synchronous = OFF"); // test data: nothing to lose
            s.execute("BEGIN");
            long step = Long.divideUnsigned(-1L, n);
            SplittableRandom random = new SplittableRandom(n);
            byte[] key = new byte[16];
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO revoked(key) VALUES (?)")) {
                for (long i = 0; i < n; i++) {
                    BIG_ENDIAN_LONG.set(key, 0, i * step + Long.remainderUnsigned(random.nextLong(), step));
                    BIG_ENDIAN_LONG.set(key, 8, random.nextLong());
                    insert.setBytes(1, key);
                    insert.executeUpdate();
                }
            }
            s.execute("INSERT INTO meta(name, value) VALUES ('revocation_version', 1)");
            s.execute("COMMIT");
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        Files.createFile(done);
        System.out.printf("wrote %,d keys to %s in %.1f s (%,d bytes)%n", n, file,
                (System.nanoTime() - started) / 1e9, Files.size(file));
        return file;
    }

    /** {@code count} keys that are in the store: the first key at or after random points of the key space. */
    static RevocationKey[] members(Path file, int count) throws SQLException {
        SplittableRandom random = new SplittableRandom(42);
        List<RevocationKey> keys = new ArrayList<>(count);
        try (Connection c = SqliteConnections.readOnly(file).open();
                PreparedStatement q = c.prepareStatement("SELECT key FROM revoked WHERE key >= ? ORDER BY key LIMIT 1")) {
            while (keys.size() < count) {
                q.setBytes(1, new RevocationKey(random.nextLong(), random.nextLong()).toBytes());
                try (ResultSet rs = q.executeQuery()) {
                    if (rs.next()) {
                        keys.add(RevocationKey.fromBytes(rs.getBytes(1)));
                    }
                }
            }
        }
        return keys.toArray(new RevocationKey[0]);
    }

    /** {@code count} random keys: in a list of n keys, each is a member with probability n / 2^128, never. */
    static RevocationKey[] strangers(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        RevocationKey[] keys = new RevocationKey[count];
        for (int i = 0; i < count; i++) {
            keys[i] = new RevocationKey(random.nextLong(), random.nextLong());
        }
        return keys;
    }

    /** Heap in use after two full collections, in bytes: what the objects alive now hold. */
    static long heapAfterGc() {
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Copies the store (no -wal: {@link #store} leaves none) to a fresh file in {@code folder}. */
    static Path copy(Path store, Path folder) throws IOException {
        Path copy = folder.resolve(store.getFileName());
        Files.copy(store, copy);
        return copy;
    }
}
