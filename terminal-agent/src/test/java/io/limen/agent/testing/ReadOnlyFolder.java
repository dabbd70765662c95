package io.limen.agent.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Makes a real folder read-only for this process and its children, and writable again on close.
 *
 * <p>An ordinary user gets {@code chmod 555}. Root writes through permissions, so for root the folder
 * is made immutable ({@code chattr +i}, which binds root too; it needs CAP_LINUX_IMMUTABLE and a
 * filesystem with the attribute, such as ext4). Either way the folder is checked to refuse a new file
 * before the test goes on, so a test never passes on a folder that was writable after all.
 */
public final class ReadOnlyFolder implements AutoCloseable {

    private final Path folder;
    private final boolean immutable;

    private ReadOnlyFolder(Path folder, boolean immutable) {
        this.folder = folder;
        this.immutable = immutable;
    }

    public static ReadOnlyFolder of(Path folder) throws IOException, InterruptedException {
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
        if (refusesNewFiles(folder)) {
            return new ReadOnlyFolder(folder, false);
        }
        // Root: permissions do not bind it, the immutable attribute does.
        int exit = new ProcessBuilder("chattr", "+i", folder.toString()).inheritIO().start().waitFor();
        if (exit != 0 || !refusesNewFiles(folder)) {
            throw new IllegalStateException("cannot make " + folder + " read-only for this process: it runs as root, and"
                    + " chattr +i failed (exit " + exit + "); run the tests as an ordinary user or with CAP_LINUX_IMMUTABLE");
        }
        return new ReadOnlyFolder(folder, true);
    }

    private static boolean refusesNewFiles(Path folder) {
        Path probe = folder.resolve(".probe");
        try {
            Files.createFile(probe);
            Files.delete(probe);
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (immutable) {
            new ProcessBuilder("chattr", "-i", folder.toString()).inheritIO().start().waitFor();
        }
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
