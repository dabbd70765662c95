package io.limen.agent.revocation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.agent.testing.ReadOnlyFolder;
import io.limen.format.credential.RevocationKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A healthy store is never reported as "not a SQLite database": one that another process holds locked
 * is named locked, and a WAL store (the mode Limen writes) in a folder this process cannot write is
 * read when that is safe, and otherwise refused naming the folder. Real files, real second
 * connections, real read-only folders.
 */
class RevocationLocksAndFoldersTest {

    private static final RevocationKey ALICE = RevocationKey.of("https://issuer.example", new byte[] {1});
    private static final RevocationKey BOB = RevocationKey.of("https://issuer.example", new byte[] {2});
    /** Short, so the test does not wait the 5 s a command waits; the outcome is the same. */
    private static final java.time.Duration WAIT = java.time.Duration.ofMillis(200);

    @TempDir
    Path dir;

    private Path store(Path folder) {
        Path file = folder.resolve("revocations.db");
        try (RevocationStore store = RevocationStore.open(SqliteConnections.file(file))) {
            store.replaceAll(4, List.of(ALICE, BOB));
        }
        return file;
    }

    @Test
    void storeWhoseWriterKeepsItLocked_isReportedLocked_andReadOnceTheLockIsGone() throws Exception {
        Path file = store(dir);
        try (Connection writer = SqliteConnections.file(file).open(); Statement s = writer.createStatement()) {
            // What another process's long write looks like to a reader of a WAL store.
            s.execute("PRAGMA locking_mode = EXCLUSIVE");
            s.execute("BEGIN EXCLUSIVE");
            s.execute("DELETE FROM revoked");

            RevocationStoreException e = assertThrows(RevocationStoreException.class,
                    () -> RevocationStore.readSnapshot(SqliteConnections.readOnly(file, WAIT)));

            assertTrue(e.getMessage().startsWith("revocation store " + file + " is locked by another process: it held a lock"
                    + " for longer than the 200 ms this command waits for it; try again when that process is done (SQLite: "), e.getMessage());
            s.execute("ROLLBACK");
        }
        assertEquals(RevocationSet.of(4, ALICE, BOB), RevocationStore.readSnapshot(SqliteConnections.readOnly(file, WAIT)));
    }

    @Test
    void rollbackJournalStoreInTheMiddleOfAWrite_isReportedLocked_notForeign() throws Exception {
        Path file = store(dir);
        try (Connection c = SqliteConnections.file(file).open(); Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode = DELETE"); // as a foreign tool may leave it
        }
        try (Connection writer = SqliteConnections.file(file).open(); Statement s = writer.createStatement()) {
            s.execute("BEGIN EXCLUSIVE");
            s.execute("DELETE FROM revoked");

            RevocationStoreException e = assertThrows(RevocationStoreException.class,
                    () -> RevocationStore.readSnapshot(SqliteConnections.readOnly(file, WAIT)));

            assertTrue(e.getMessage().contains(" is locked by another process: "), e.getMessage());
            assertTrue(!e.getMessage().contains("not a SQLite database"), e.getMessage());
        }
    }

    @Test
    void cleanWalStoreInAReadOnlyFolder_isRead_andNothingIsWrittenBesideIt() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("ro"));
        Path file = store(folder);
        byte[] before = Files.readAllBytes(file);
        assertEquals(List.of(file), list(folder)); // closed cleanly: no -wal, no -shm

        RevocationSet snapshot;
        try (ReadOnlyFolder readOnly = ReadOnlyFolder.of(folder)) {
            snapshot = RevocationStore.readSnapshot(SqliteConnections.readOnly(file));
        }

        assertEquals(RevocationSet.of(4, ALICE, BOB), snapshot);
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(List.of(file), list(folder));
    }

    @Test
    void walStoreWithChangesInItsWal_inAReadOnlyFolder_isRefusedNamingTheFolderAndWhy() throws Exception {
        Path source = store(dir);
        Path folder = Files.createDirectory(dir.resolve("copy"));
        Path file = folder.resolve("revocations.db");
        try (Connection writer = SqliteConnections.file(source).open(); Statement s = writer.createStatement()) {
            s.execute("PRAGMA wal_autocheckpoint = 0");
            s.execute("DELETE FROM revoked"); // in the -wal only, while this connection is open
            // The database and its -wal as a copy (or a killed agent) leaves them, without the -shm.
            Files.copy(source, file);
            Files.copy(Path.of(source + "-wal"), Path.of(file + "-wal"));
        }
        assertTrue(Files.size(Path.of(file + "-wal")) > 0);

        RevocationStoreException e;
        try (ReadOnlyFolder readOnly = ReadOnlyFolder.of(folder)) {
            e = assertThrows(RevocationStoreException.class, () -> RevocationStore.readSnapshot(SqliteConnections.readOnly(file)));
        }

        assertEquals("revocation store " + file + " is a WAL database in a folder this process cannot write (" + folder
                + "), and its -wal file holds changes not yet in the database: SQLite needs to create revocations.db-shm"
                + " to read them. Read it as a user who may write the folder, or copy the database with its -wal file to a"
                + " writable folder", e.getMessage());
    }

    @Test
    void storeThatChangesWhileReadWithoutLocks_isRefused_neverUsed() throws Exception {
        Path file = store(dir);
        RevocationStoreException refused = new RevocationStoreException("unable to open");

        RevocationStoreException e = assertThrows(RevocationStoreException.class, () -> ImmutableSnapshot.read(file, refused, connections -> {
            RevocationSet read = RevocationStore.readSnapshot(connections);
            try {
                // A writer that could not be locked out: it checkpointed into the file meanwhile.
                Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
            } catch (java.io.IOException io) {
                throw new AssertionError(io);
            }
            return read;
        }));

        assertEquals("revocation store " + file + " changed while it was read without locks (it is a WAL database in a"
                + " folder this process cannot write, " + dir + "); try again", e.getMessage());
    }

    @Test
    void fileThatIsNoDatabase_inAReadOnlyFolder_isStillNotASqliteDatabase() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("ro"));
        Path file = Files.writeString(folder.resolve("revocations.db"), "not a database\n".repeat(200));

        RevocationStoreException e;
        try (ReadOnlyFolder readOnly = ReadOnlyFolder.of(folder)) {
            e = assertThrows(RevocationStoreException.class, () -> RevocationStore.readSnapshot(SqliteConnections.readOnly(file)));
        }

        assertTrue(e.getMessage().startsWith("revocation store " + file + " is not a SQLite database (SQLite: "), e.getMessage());
    }

    private static List<Path> list(Path folder) throws java.io.IOException {
        try (var files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }
}
