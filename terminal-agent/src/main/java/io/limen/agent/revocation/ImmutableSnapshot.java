package io.limen.agent.revocation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a WAL-mode store that SQLite cannot open read-only because it cannot create the {@code -shm}
 * index beside it: the folder is read-only, or on read-only media (SQLite says only "unable to open
 * database file"). Limen writes its stores in WAL mode, so a technician's copy on a USB stick, or a
 * store in a folder only the agent's user may write, is exactly this case.
 *
 * <p>When the file has no {@code -wal} with changes in it, everything is in the database file, and
 * SQLite reads it as {@code immutable}: no locks, no {@code -shm}. That is safe only while no one
 * writes it, which no lock can promise here; so the file is read between two looks at its size, time
 * and {@code -wal}, and a file that changed in between is refused, never used. A store with changes
 * in its {@code -wal} cannot be read without SQLite's index, and is refused naming why.
 */
final class ImmutableSnapshot {

    private static final Logger log = LoggerFactory.getLogger(ImmutableSnapshot.class);

    /** Offsets 18 and 19 of a SQLite header: the file format's write and read versions, 2 for WAL. */
    private static final int WAL_VERSION = 2;

    private ImmutableSnapshot() {
    }

    /**
     * The snapshot read by {@code read} through {@link SqliteConnections#immutable}, or throws: {@code
     * refused} (what a normal open said) when the file is no such case, else why it cannot be read.
     */
    static RevocationSet read(Path file, RevocationStoreException refused, Function<SqliteConnections, RevocationSet> read) {
        String named = "revocation store " + file;
        if (!isWalDatabase(file)) {
            if (Files.isRegularFile(file) && !Files.isReadable(file)) {
                throw new RevocationStoreException(named + " cannot be opened: permission denied", refused);
            }
            throw refused;
        }
        Path folder = file.toAbsolutePath().getParent();
        Path wal = Path.of(file + "-wal");
        Stamp before = Stamp.of(file, wal);
        if (before.walBytes() > 0) {
            throw new RevocationStoreException(named + " is a WAL database in a folder this process cannot write ("
                    + folder + "), and its -wal file holds changes not yet in the database: SQLite needs to create "
                    + file.getFileName() + "-shm to read them. Read it as a user who may write the folder, or copy the"
                    + " database with its -wal file to a writable folder", refused);
        }
        RevocationSet snapshot = read.apply(SqliteConnections.immutable(file));
        if (!Stamp.of(file, wal).equals(before)) {
            throw new RevocationStoreException(named + " changed while it was read without locks (it is a WAL"
                    + " database in a folder this process cannot write, " + folder + "); try again", refused);
        }
        log.warn("Revocation store {} is a WAL database in a folder this process cannot write ({}): read it without"
                + " locks, as SQLite's immutable file, and checked that it did not change meanwhile", file, folder);
        return snapshot;
    }

    private static boolean isWalDatabase(Path file) {
        byte[] header = new byte[20];
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(header, 0, header.length) == header.length
                    && new String(header, 0, 16, java.nio.charset.StandardCharsets.US_ASCII).equals("SQLite format 3\0")
                    && header[18] == WAL_VERSION && header[19] == WAL_VERSION;
        } catch (IOException e) {
            return false;
        }
    }

    /** What a writer would change: the database's size and time, and the -wal's size (-1 if absent). */
    private record Stamp(long bytes, FileTime modified, long walBytes) {

        static Stamp of(Path file, Path wal) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                long walBytes = Files.exists(wal) ? Files.size(wal) : -1;
                return new Stamp(attributes.size(), attributes.lastModifiedTime(), walBytes);
            } catch (IOException e) {
                throw new RevocationStoreException("revocation store " + file + " cannot be read: " + e.getMessage(), e);
            }
        }
    }
}
