package io.limen.provisioning;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes files whole or not at all: into a temporary file in the target's directory, synced, then
 * renamed over the target (or linked in place where it must not replace one), and the directory
 * synced. A crash leaves the old file or the new one, never half of one.
 */
final class SafeFiles {

    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> WORLD_READABLE = PosixFilePermissions.fromString("rw-r--r--");

    private SafeFiles() {
    }

    /** Whether this machine's file system has POSIX permissions (Linux, macOS: yes; Windows: no). */
    static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /**
     * Writes {@code content} to {@code target} with {@code permissions}. The permissions are given to
     * the temporary file when it is created, so the content is never readable by others, not even
     * for an instant. Without {@code replace}, an existing target is left alone and the write refused
     * atomically: checking first and writing after would let a file appear in between (an issuer key
     * overwritten is an issuer key lost).
     */
    static void write(Path target, byte[] content, Set<PosixFilePermission> permissions, boolean replace) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        FileAttribute<?>[] attributes = posix()
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
                : new FileAttribute<?>[0];
        Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp", attributes);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            if (posix()) {
                // createTempFile's mode is filtered by the umask, which may only remove bits; set it exactly.
                Files.setPosixFilePermissions(temp, permissions);
            }
            if (replace) {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                placeWithoutReplacing(temp, target);
            }
            syncDirectory(dir);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * A hard link appears whole and fails if the target exists: no window between check and write.
     * File systems without hard links (FAT on a USB stick, some network mounts) get a move that
     * refuses an existing target, with a window of a few microseconds between its check and rename.
     * A crash right after the link leaves the temporary name as a second link to the same file.
     */
    private static void placeWithoutReplacing(Path temp, Path target) throws IOException {
        try {
            Files.createLink(target, temp);
            return;
        } catch (FileAlreadyExistsException e) {
            throw new ProvisioningException(target + " already exists; refusing to overwrite it (use --force to replace it)");
        } catch (UnsupportedOperationException | FileSystemException e) {
            // No hard links here: fall through to the move.
        }
        try {
            Files.move(temp, target);
        } catch (FileAlreadyExistsException e) {
            throw new ProvisioningException(target + " already exists; refusing to overwrite it (use --force to replace it)");
        }
    }

    /** The rename is durable only once the directory entry is on disk too. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems (and Windows) cannot open or sync a directory; the file itself is synced.
        }
    }

    /** One file to write: where, what, and who may read it. */
    record Content(Path target, byte[] bytes, Set<PosixFilePermission> permissions) {
    }

    /**
     * Writes files that belong together (a key and its trust file, a QR image and its text) in
     * order, each as {@link #write} does. If one fails, the new ones written before it are taken back:
     * half a set is of no use, and would make the rerun refuse to overwrite it. Replaced files cannot
     * be taken back, so with {@code replace} the earlier ones stay.
     */
    static void writeAll(boolean replace, Content... files) throws IOException {
        for (int i = 0; i < files.length; i++) {
            try {
                write(files[i].target(), files[i].bytes(), files[i].permissions(), replace);
            } catch (IOException | RuntimeException e) {
                for (int written = 0; written < i && !replace; written++) {
                    Files.deleteIfExists(files[written].target());
                }
                throw e;
            }
        }
    }

    /** Refuses, naming the file and the way out, when {@code target} exists and {@code force} is off. */
    static void checkNotExisting(Path target, boolean force) {
        if (!force && Files.exists(target)) {
            throw new ProvisioningException(target + " already exists; refusing to overwrite it (use --force to replace it)");
        }
    }
}
