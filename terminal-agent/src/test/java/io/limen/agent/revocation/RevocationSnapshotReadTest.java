package io.limen.agent.revocation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link RevocationStore#readSnapshot} over real SQLite files, and the schema check that it and
 * {@link RevocationStore#open} share: a file they refuse, or only read, is left byte for byte as it was.
 */
class RevocationSnapshotReadTest {

    private static final RevocationKey ALICE = RevocationKey.of("https://issuer.example", new byte[] {1});
    private static final RevocationKey BOB = RevocationKey.of("https://issuer.example", new byte[] {2});

    /** The two ways into a file; both must refuse a foreign one without touching it. */
    enum Entry {
        READ_SNAPSHOT(file -> RevocationStore.readSnapshot(SqliteConnections.readOnly(file))),
        OPEN(file -> {
            RevocationStore.open(SqliteConnections.file(file)).close();
            return null;
        });

        final Function<Path, RevocationSet> call;

        Entry(Function<Path, RevocationSet> call) {
            this.call = call;
        }
    }

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("revocations.db");
    }

    private String named() {
        return "revocation store " + file().toAbsolutePath();
    }

    @Test
    void goodStore_isReadWithItsKeysAndVersion_andTheFileIsLeftByteIdentical() throws IOException {
        try (RevocationStore store = RevocationStore.open(SqliteConnections.file(file()))) {
            store.replaceAll(3, List.of(BOB, ALICE));
        }
        byte[] before = Files.readAllBytes(file());
        assertEquals(List.of(file()), listDir()); // closed cleanly: WAL checkpointed and removed

        RevocationSet snapshot = RevocationStore.readSnapshot(SqliteConnections.readOnly(file()));

        assertEquals(RevocationSet.of(3, ALICE, BOB), snapshot);
        assertArrayEquals(before, Files.readAllBytes(file()));
        // The store is in WAL mode: SQLite gives its reader an empty -wal (and the -shm index) ...
        Path wal = dir.resolve("revocations.db-wal");
        assertEquals(0, Files.exists(wal) ? Files.size(wal) : 0);
        // ... which the next writer takes as it is.
        try (RevocationStore store = RevocationStore.open(SqliteConnections.file(file()))) {
            assertEquals(snapshot, store.loadSnapshot());
        }
    }

    @Test
    void storeInRollbackJournalMode_isReadWithoutCreatingAnyFile() throws Exception {
        try (Connection c = SqliteConnections.file(file()).open(); Statement s = c.createStatement()) {
            RevocationSchema.create(c); // our tables, but the file stays in the default journal mode, delete
            s.execute("INSERT INTO meta(name, value) VALUES ('revocation_version', 7)");
            insert(c, ALICE);
        }
        byte[] before = Files.readAllBytes(file());

        assertEquals(RevocationSet.of(7, ALICE), RevocationStore.readSnapshot(SqliteConnections.readOnly(file())));

        assertArrayEquals(before, Files.readAllBytes(file()));
        assertEquals(List.of(file()), listDir()); // no -wal, -shm or -journal
    }

    @ParameterizedTest
    @EnumSource(Entry.class)
    void revokedTableWithoutPrimaryKey_isRefusedNamingTheFile_andLeftByteIdentical(Entry entry) throws Exception {
        foreignTable("CREATE TABLE revoked(key BLOB)", ALICE, BOB);
        byte[] before = Files.readAllBytes(file());

        RevocationStoreException e = assertThrows(RevocationStoreException.class, () -> entry.call.apply(file()));

        assertEquals(named() + " has a revoked table of another shape: expected revoked(key BLOB PRIMARY KEY),"
                + " but found revoked(key BLOB)", e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file()));
        assertEquals(List.of(file()), listDir()); // never switched to WAL
    }

    @ParameterizedTest
    @EnumSource(Entry.class)
    void duplicateKeysInAForeignTable_areRefusedNamingTheFile_andLeftByteIdentical(Entry entry) throws Exception {
        // The review's file: no primary key, so the same key twice.
        foreignTable("CREATE TABLE revoked(key BLOB)", ALICE, BOB, ALICE);
        byte[] before = Files.readAllBytes(file());

        RevocationStoreException e = assertThrows(RevocationStoreException.class, () -> entry.call.apply(file()));

        assertTrue(e.getMessage().startsWith(named() + " has a revoked table of another shape"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file()));
        assertEquals(List.of(file()), listDir());
    }

    @ParameterizedTest
    @EnumSource(Entry.class)
    void revokedTableWithAnotherColumn_isRefusedNamingTheFile(Entry entry) throws Exception {
        foreignTable("CREATE TABLE revoked(key BLOB PRIMARY KEY, reason TEXT)");

        RevocationStoreException e = assertThrows(RevocationStoreException.class, () -> entry.call.apply(file()));

        assertEquals(named() + " has a revoked table of another shape: expected revoked(key BLOB PRIMARY KEY),"
                + " but found revoked(key BLOB PRIMARY KEY, reason TEXT)", e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Entry.class)
    void metaTableOfAnotherShape_isRefusedNamingTheFile_andLeftByteIdentical(Entry entry) throws Exception {
        foreignTable("CREATE TABLE revoked(key BLOB PRIMARY KEY) WITHOUT ROWID", ALICE);
        try (Connection c = SqliteConnections.file(file()).open(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE meta(name TEXT, value TEXT)");
        }
        byte[] before = Files.readAllBytes(file());

        RevocationStoreException e = assertThrows(RevocationStoreException.class, () -> entry.call.apply(file()));

        assertEquals(named() + " has a meta table of another shape: expected meta(name TEXT PRIMARY KEY,"
                + " value INTEGER), but found meta(name TEXT, value TEXT)", e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file()));
        assertEquals(List.of(file()), listDir());
    }

    @Test
    void revokedTableWithoutMeta_isReadAsVersionZero() throws Exception {
        foreignTable("CREATE TABLE revoked(key BLOB PRIMARY KEY) WITHOUT ROWID", BOB);

        assertEquals(RevocationSet.of(0, BOB), RevocationStore.readSnapshot(SqliteConnections.readOnly(file())));
    }

    @Test
    void databaseWithoutARevokedTable_isNotARevocationStore_andLeftByteIdentical() throws Exception {
        foreignTable("CREATE TABLE users(name TEXT)");
        byte[] before = Files.readAllBytes(file());

        RevocationStoreException e = assertThrows(RevocationStoreException.class,
                () -> RevocationStore.readSnapshot(SqliteConnections.readOnly(file())));

        assertEquals(named() + " is not a revocation store: it has no revoked table", e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file()));
        assertEquals(List.of(file()), listDir());
    }

    @Test
    void fileThatIsNotSqlite_isRefusedNamingTheFile_andLeftByteIdentical() throws IOException {
        byte[] garbage = "this is a config file, not a database\n".repeat(100).getBytes(StandardCharsets.UTF_8);
        Files.write(file(), garbage);

        RevocationStoreException e = assertThrows(RevocationStoreException.class,
                () -> RevocationStore.readSnapshot(SqliteConnections.readOnly(file())));

        assertTrue(e.getMessage().startsWith(named() + " is not a SQLite database (SQLite: "), e.getMessage());
        assertArrayEquals(garbage, Files.readAllBytes(file()));
        assertEquals(List.of(file()), listDir());
    }

    @Test
    void missingFile_isAnErrorNamingIt_andIsNotCreated() throws IOException {
        RevocationStoreException e = assertThrows(RevocationStoreException.class,
                () -> RevocationStore.readSnapshot(SqliteConnections.readOnly(file())));

        assertEquals(named() + " cannot be opened: no such file", e.getMessage());
        assertEquals(List.of(), listDir());
    }

    @Test
    void readOnlyConnection_refusesWrites() throws Exception {
        RevocationStore.open(SqliteConnections.file(file())).close();

        try (Connection c = SqliteConnections.readOnly(file()).open(); Statement s = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> s.execute("CREATE TABLE x(a)"));
            assertTrue(e.getMessage().contains("SQLITE_READONLY"), e.getMessage());
        }
    }

    /** A table made by another program, in the default (delete) journal mode, holding {@code keys} as given. */
    private void foreignTable(String create, RevocationKey... keys) throws SQLException {
        try (Connection c = SqliteConnections.file(file()).open(); Statement s = c.createStatement()) {
            s.execute(create);
            for (RevocationKey key : keys) {
                insert(c, key);
            }
        }
    }

    private static void insert(Connection c, RevocationKey key) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO revoked(key) VALUES (?)")) {
            insert.setBytes(1, key.toBytes());
            insert.executeUpdate();
        }
    }

    private List<Path> listDir() throws IOException {
        try (var files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }
}
