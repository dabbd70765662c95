package io.limen.agent.revocation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.format.credential.RevocationKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RevocationStoreTest {

    private static final RevocationKey ALICE = RevocationKey.of("https://issuer.example", new byte[] {1});
    private static final RevocationKey BOB = RevocationKey.of("https://issuer.example", new byte[] {2});
    private static final RevocationKey CAROL = RevocationKey.of("https://issuer.example", new byte[] {3});
    private static final RevocationKey DAVE = RevocationKey.of("https://other.example", new byte[] {1});

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("revocations.db");
    }

    private RevocationStore open() {
        return RevocationStore.open(SqliteConnections.file(file()));
    }

    @Test
    void newStore_hasVersionZero_andRevokesNothing() {
        try (RevocationStore store = open()) {
            assertEquals(0, store.version());
            assertFalse(store.isRevoked(ALICE));
            assertEquals(RevocationSet.empty(), store.loadSnapshot());
        }
    }

    @Test
    void addedKeys_areRevoked_andOthersAreNot() {
        try (RevocationStore store = open()) {
            store.add(1, List.of(BOB, ALICE));
            assertEquals(1, store.version());
            assertTrue(store.isRevoked(ALICE));
            assertTrue(store.isRevoked(BOB));
            assertFalse(store.isRevoked(CAROL));
        }
    }

    @Test
    void keysAndVersion_persistAcrossCloseAndReopen() {
        try (RevocationStore store = open()) {
            store.replaceAll(5, List.of(ALICE, CAROL));
        }
        try (RevocationStore store = open()) {
            assertEquals(5, store.version());
            assertTrue(store.isRevoked(ALICE));
            assertTrue(store.isRevoked(CAROL));
            assertFalse(store.isRevoked(BOB));
            assertEquals(RevocationSet.of(5, ALICE, CAROL), store.loadSnapshot());
        }
    }

    @Test
    void add_isIdempotentForDuplicateKeys_withinAndAcrossUpdates() {
        try (RevocationStore store = open()) {
            store.add(1, List.of(ALICE, ALICE, BOB));
            store.add(2, List.of(BOB, CAROL, ALICE));
            RevocationSet snapshot = store.loadSnapshot();
            assertEquals(RevocationSet.of(2, ALICE, BOB, CAROL), snapshot);
            assertEquals(3, snapshot.size());
        }
    }

    @Test
    void add_keepsTheKeysAlreadyThere() {
        try (RevocationStore store = open()) {
            store.replaceAll(1, List.of(ALICE));
            store.add(2, List.of(BOB));
            assertEquals(RevocationSet.of(2, ALICE, BOB), store.loadSnapshot());
        }
    }

    @Test
    void replaceAll_removesTheOldKeys() {
        try (RevocationStore store = open()) {
            store.replaceAll(1, List.of(ALICE, BOB));
            store.replaceAll(2, List.of(CAROL));
            assertFalse(store.isRevoked(ALICE));
            assertFalse(store.isRevoked(BOB));
            assertTrue(store.isRevoked(CAROL));
            assertEquals(RevocationSet.of(2, CAROL), store.loadSnapshot());
        }
    }

    @Test
    void replaceAll_withNoKeys_emptiesTheListButKeepsTheVersion() {
        try (RevocationStore store = open()) {
            store.replaceAll(1, List.of(ALICE));
            store.replaceAll(2, List.of());
            assertEquals(RevocationSet.of(2), store.loadSnapshot());
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {3, 2, 0, -1})
    void update_withAVersionNotNewer_isRefused_andChangesNothing(long offered) {
        try (RevocationStore store = open()) {
            store.replaceAll(3, List.of(ALICE, BOB));

            IllegalArgumentException replace = assertThrows(IllegalArgumentException.class,
                    () -> store.replaceAll(offered, List.of(CAROL)));
            IllegalArgumentException add = assertThrows(IllegalArgumentException.class,
                    () -> store.add(offered, List.of(DAVE)));

            String expected = "revocation list version must grow: stored version is 3, but the update has version "
                    + offered;
            assertEquals(expected, replace.getMessage());
            assertEquals(expected, add.getMessage());
            assertEquals(RevocationSet.of(3, ALICE, BOB), store.loadSnapshot());
            // The refused updates left no transaction open: the next good one goes through.
            store.add(4, List.of(DAVE));
            assertEquals(RevocationSet.of(4, ALICE, BOB, DAVE), store.loadSnapshot());
        }
    }

    @Test
    void update_withANullKey_isRefused_andChangesNothing() {
        try (RevocationStore store = open()) {
            store.replaceAll(1, List.of(ALICE));
            List<RevocationKey> withNull = new ArrayList<>(List.of(BOB));
            withNull.add(null);
            assertThrows(NullPointerException.class, () -> store.replaceAll(2, withNull));
            assertEquals(RevocationSet.of(1, ALICE), store.loadSnapshot());
        }
    }

    /** Writes of replaceAll(2, [CAROL, DAVE, BOB]): three inserts, then the version. Fail each in turn. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void replaceAll_failingOnTheNthWrite_leavesTheOldListAndVersion(int failingWrite) {
        try (RevocationStore store = open()) {
            store.replaceAll(1, List.of(ALICE, BOB));
        }
        try (RevocationStore store = RevocationStore.open(new FaultyConnections(SqliteConnections.file(file()), failingWrite))) {
            RevocationStoreException e = assertThrows(RevocationStoreException.class,
                    () -> store.replaceAll(2, List.of(CAROL, DAVE, BOB)));
            assertEquals("revocation store " + file().toAbsolutePath()
                    + ": cannot replace the list with version 2 (3 keys): injected failure of write " + failingWrite,
                    e.getMessage());
            assertEquals(RevocationSet.of(1, ALICE, BOB), store.loadSnapshot());
            // Rolled back, not left half-open: the same store takes the next update.
            store.replaceAll(2, List.of(CAROL));
        }
        try (RevocationStore store = open()) {
            assertEquals(RevocationSet.of(2, CAROL), store.loadSnapshot());
        }
    }

    /**
     * Writes of replaceAll(2, 450 keys) after 2 (whose removal is DELETE FROM revoked): two statements of
     * 200 keys, 50 of one key, then the version. A failure in a statement of many keys, or after them,
     * rolls all of them back.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 52, 53})
    void replaceAll_ofManyKeys_failingOnTheNthWrite_leavesTheOldListAndVersion(int failingWrite) {
        List<RevocationKey> many = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 2 * RevocationStore.KEYS_PER_STATEMENT + 50; i++) {
            many.add(new RevocationKey(random.nextLong(), random.nextLong()));
        }
        try (RevocationStore store = open()) {
            store.replaceAll(1, List.of(ALICE, BOB));
        }
        try (RevocationStore store = RevocationStore.open(new FaultyConnections(SqliteConnections.file(file()), failingWrite))) {
            RevocationStoreException e = assertThrows(RevocationStoreException.class, () -> store.replaceAll(2, many));
            assertTrue(e.getMessage().endsWith("injected failure of write " + failingWrite), e.getMessage());
            assertEquals(RevocationSet.of(1, ALICE, BOB), store.loadSnapshot());
        }
        try (RevocationStore store = open()) {
            store.replaceAll(2, many);
            assertEquals(many.size(), store.loadSnapshot().size(), "every key, in statements of 200 and of one");
            store.applyDelta(3, List.of(), many.subList(0, 2 * RevocationStore.KEYS_PER_STATEMENT + 1));
            assertEquals(49, store.loadSnapshot().size(), "deleted in statements of 200 and of one");
        }
    }

    @Test
    void snapshot_equalsTheTableContents() {
        SplittableRandom random = new SplittableRandom(7);
        List<RevocationKey> keys = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            keys.add(new RevocationKey(random.nextLong(), random.nextLong()));
        }
        try (RevocationStore store = open()) {
            store.replaceAll(11, keys.subList(0, 3_000));
            store.add(12, keys.subList(2_000, 5_000));
            RevocationSet snapshot = store.loadSnapshot();

            assertEquals(RevocationSet.of(12, keys), snapshot);
            for (int i = 0; i < snapshot.size(); i++) {
                assertTrue(store.isRevoked(snapshot.get(i)));
            }
        }
    }

    @Test
    void fileThatIsNotSqlite_givesAnErrorNamingTheFile_andIsLeftUnchanged() throws IOException {
        byte[] garbage = "this is a config file, not a database\n".repeat(100).getBytes(StandardCharsets.UTF_8);
        Files.write(file(), garbage);

        RevocationStoreException e = assertThrows(RevocationStoreException.class, this::open);

        assertTrue(e.getMessage().startsWith("revocation store " + file().toAbsolutePath() + " is not a SQLite database (SQLite: "),
                e.getMessage());
        assertArrayEquals(garbage, Files.readAllBytes(file()));
        assertEquals(List.of(file()), listDir());
    }

    @Test
    void tableWithKeysNotSixteenBytes_givesAnErrorNamingTheFile_andIsLeftUnchanged() throws Exception {
        try (Connection c = SqliteConnections.file(file()).open(); Statement s = c.createStatement()) {
            // A table of the right name made without our CHECK constraint.
            s.execute("CREATE TABLE revoked(key BLOB PRIMARY KEY) WITHOUT ROWID");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO revoked(key) VALUES (?)")) {
                insert.setBytes(1, ALICE.toBytes());
                insert.executeUpdate();
                insert.setBytes(1, new byte[15]);
                insert.executeUpdate();
            }
        }
        byte[] before = Files.readAllBytes(file());

        RevocationStoreException e = assertThrows(RevocationStoreException.class, this::open);

        assertEquals("revocation store " + file().toAbsolutePath()
                + " has a revoked key that is not a 16-byte blob, but a blob of length 15", e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file()));
        assertEquals(List.of(file()), listDir()); // no -wal or -shm: it was never switched to WAL
    }

    @Test
    void versionThatIsNotAnInteger_givesAnErrorNamingTheFile() throws SQLException {
        try (RevocationStore store = open()) {
            store.add(1, List.of(ALICE));
        }
        try (Connection c = SqliteConnections.file(file()).open(); Statement s = c.createStatement()) {
            s.execute("UPDATE meta SET value = 'seven' WHERE name = 'revocation_version'");
        }

        RevocationStoreException e = assertThrows(RevocationStoreException.class, this::open);

        assertEquals("revocation store " + file().toAbsolutePath()
                + " has a list version that is not a non-negative integer, but the text 'seven'", e.getMessage());
    }

    @Test
    void keyLongerThanSixteenBytes_isRefusedBySchema() throws SQLException {
        try (RevocationStore store = open()) {
            store.add(1, List.of(ALICE));
        }
        try (Connection c = SqliteConnections.file(file()).open();
                PreparedStatement insert = c.prepareStatement("INSERT INTO revoked(key) VALUES (?)")) {
            insert.setBytes(1, new byte[17]);
            SQLException e = assertThrows(SQLException.class, insert::executeUpdate);
            assertTrue(e.getMessage().contains("CHECK constraint failed"), e.getMessage());
        }
    }

    private List<Path> listDir() throws IOException {
        try (var files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    @Test
    void connections_waitForAWriterAsLongAsTheConfigSays_fiveSecondsByDefault() throws Exception {
        Path db = dir.resolve("busy.db");
        try (java.sql.Connection c = SqliteConnections.file(db, java.time.Duration.ofMillis(1500)).open();
             java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("PRAGMA busy_timeout")) {
            assertTrue(rs.next());
            assertEquals(1500, rs.getInt(1));
        }
        try (java.sql.Connection c = SqliteConnections.readOnly(db).open();
             java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("PRAGMA busy_timeout")) {
            assertTrue(rs.next());
            assertEquals(5000, rs.getInt(1));
        }
    }
}
