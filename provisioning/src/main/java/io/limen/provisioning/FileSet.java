package io.limen.provisioning;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Places files that belong together (a key and its trust file, a QR image and its text) in one
 * directory whole or not at all, also when the process is killed at any instant.
 *
 * <pre>
 *  prepare   T = DIR/.limen-set-N (owner-only), lock T/lock for the whole run,
 *            write T/new/NAME for each file (final permissions, synced),
 *            then T/manifest: "NAME SIZE SHA-256" per file, written whole, synced
 *  commit    per file, in order: with replace, move DIR/NAME aside to T/old/NAME;
 *            link T/new/NAME as DIR/NAME (fails if one appeared)
 *  finish    delete T/manifest  &lt;- the commit point: from here the new set stands
 *            delete the rest of T
 * </pre>
 *
 * Two files cannot be renamed into an existing directory at once, so a run killed during commit
 * leaves part of a set; the next run in DIR ({@link #recover}) finds T unlocked (the kernel drops
 * the lock of a dead process) and undoes it: every DIR/NAME holding that run's new content is
 * removed and T/old/NAME put back; T without a manifest is simply deleted (nothing was placed, or
 * all was). So a private key never stays in a temporary file beyond the next run, and a set is
 * either the old one or the new one.
 */
final class FileSet {

    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> WORLD_READABLE = PosixFilePermissions.fromString("rw-r--r--");
    private static final String PREFIX = ".limen-set-";

    /** One file of a set: its name in the directory, its bytes, who may read it. */
    record Entry(String name, byte[] bytes, Set<PosixFilePermission> permissions) {
        Entry {
            if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
                throw new IllegalArgumentException("a file name without a folder, but was '" + name + "'");
            }
        }
    }

    /** Called before each step that changes the disk; tests fail or pause there. */
    interface Steps {
        Steps NONE = step -> { };

        void before(String step) throws IOException;
    }

    private final Path dir;
    private final Steps steps;
    private final Consumer<String> notes;

    /** @param notes told, in words, what was undone or left over (for stderr); never told of failures, which throw */
    FileSet(Path dir, Steps steps, Consumer<String> notes) {
        this.dir = dir.toAbsolutePath();
        this.steps = steps;
        this.notes = notes;
    }

    Path dir() {
        return dir;
    }

    /** Whether this machine's file system has POSIX permissions (Linux, macOS: yes; Windows: no). */
    static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /**
     * Undoes what runs killed in this directory left, and deletes their temporary folders (also the
     * hidden {@code .NAME*.tmp} files earlier versions left beside {@code names}), with a note per
     * run saying what it did; a folder another live run holds is left alone.
     */
    void recover(List<String> names) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String file = entry.getFileName().toString();
                if (file.startsWith(PREFIX) && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    recoverRun(entry);
                } else if (file.endsWith(".tmp") && names.stream().anyMatch(name -> file.startsWith("." + name))
                        && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(entry);
                    notes.accept("deleted " + entry + ", a temporary file an interrupted run left");
                }
            }
        }
    }

    private void recoverRun(Path run) throws IOException {
        try (FileChannel lockFile = FileChannel.open(run.resolve("lock"), StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = lockFile.tryLock();
            } catch (OverlappingFileLockException e) {
                return;  // this process holds it: a run in progress
            }
            if (lock == null) {
                return;  // another live process holds it: a run in progress
            }
            List<String> undone = rollBack(run);
            deleteTree(run);
            notes.accept(undone.isEmpty()
                    ? "deleted " + run + ", left by a run interrupted before or after its files were placed (nothing to undo)"
                    : "undid a run interrupted while placing its files (" + run + "): " + String.join(", ", undone));
        } catch (NoSuchFileException e) {
            // Killed before it made its lock: nothing of it was placed.
            deleteTree(run);
            notes.accept("deleted " + run + ", left by a run interrupted before it wrote anything");
        }
    }

    /**
     * Refuses, saying exactly which of {@code names} exist, unless none does or {@code replace} is
     * on; with {@code replace}, refuses any that is not a plain file (replacing would discard a folder).
     */
    void checkAbsent(List<String> names, boolean replace, String partHint) {
        List<Path> present = names.stream().map(dir::resolve).filter(p -> Files.exists(p, LinkOption.NOFOLLOW_LINKS)).toList();
        for (Path path : present) {
            if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                throw new ProvisioningException(path + " exists and is not a plain file; refusing to replace it");
            }
        }
        if (replace || present.isEmpty()) {
            return;
        }
        if (present.size() == names.size()) {
            throw new ProvisioningException(String.join(" and ", present.stream().map(Path::toString).toList())
                    + (present.size() == 1 ? " already exists" : " already exist") + "; refusing to overwrite"
                    + (present.size() == 1 ? " it" : " them") + " (use --force to replace)");
        }
        List<String> missing = names.stream().filter(n -> !Files.exists(dir.resolve(n), LinkOption.NOFOLLOW_LINKS)).toList();
        throw new ProvisioningException(String.join(" and ", present.stream().map(Path::toString).toList())
                + (present.size() == 1 ? " exists" : " exist") + " without " + String.join(" and ", missing)
                + " (removed, or made by an older version that was interrupted); refusing to overwrite: " + partHint);
    }

    /**
     * Creates the directory (readable by its owner only, where the file system has POSIX permissions)
     * if it is missing, for sets that hold a private key; refuses a path that exists and is not a directory.
     */
    void createPrivateDirectory() throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (Files.exists(dir)) {
            throw new ProvisioningException(dir + " exists but is not a directory");
        }
        if (posix()) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(dir);
        }
    }

    /** Writes the set into a temporary folder beside its place; nothing in the directory changes yet. */
    Prepared prepare(List<Entry> files) throws IOException {
        FileAttribute<?>[] ownerOnlyDir = posix()
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))}
                : new FileAttribute<?>[0];
        Path run;
        try {
            run = Files.createTempDirectory(dir, PREFIX, ownerOnlyDir);
        } catch (IOException e) {
            throw new ProvisioningException("cannot write in " + dir + ": " + ProvisionCommand.reason(e));
        }
        FileChannel lockFile = null;
        try {
            lockFile = FileChannel.open(run.resolve("lock"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            FileLock lock = lockFile.lock();
            Files.createDirectory(run.resolve("new"));
            Files.createDirectory(run.resolve("old"));
            StringBuilder manifest = new StringBuilder();
            for (Entry file : files) {
                steps.before("write " + file.name());
                writeSynced(run.resolve("new").resolve(file.name()), file.bytes(), file.permissions());
                manifest.append(file.name()).append(' ').append(file.bytes().length).append(' ')
                        .append(sha256(file.bytes())).append('\n');
            }
            syncDirectory(run.resolve("new"));
            steps.before("write manifest");
            writeSynced(run.resolve("manifest.tmp"), manifest.toString().getBytes(StandardCharsets.UTF_8), OWNER_ONLY);
            Files.move(run.resolve("manifest.tmp"), run.resolve("manifest"), StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(run);
            return new Prepared(run, lockFile, lock, files);
        } catch (IOException | RuntimeException e) {
            try {
                deleteTree(run);
            } finally {
                if (lockFile != null) {
                    lockFile.close();
                }
            }
            throw e;
        }
    }

    /** A set written beside its place, holding its lock; {@link #close} without {@link #commit} takes it all back. */
    final class Prepared implements AutoCloseable {
        private final Path run;
        private final FileChannel lockFile;
        private final FileLock lock;
        private final List<Entry> files;
        private boolean committed;

        private Prepared(Path run, FileChannel lockFile, FileLock lock, List<Entry> files) {
            this.run = run;
            this.lockFile = lockFile;
            this.lock = lock;
            this.files = files;
        }

        /**
         * Puts every file in its place; without {@code replace}, refuses one that appeared since
         * {@link #checkAbsent}. On failure the directory is as it was before, the old files back.
         */
        void commit(boolean replace) throws IOException {
            try {
                for (Entry file : files) {
                    Path target = dir.resolve(file.name());
                    if (replace && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                        if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                            throw new ProvisioningException(target + " exists and is not a plain file; refusing to replace it");
                        }
                        steps.before("set aside " + file.name());
                        Files.move(target, run.resolve("old").resolve(file.name()), StandardCopyOption.ATOMIC_MOVE);
                    }
                    steps.before("place " + file.name());
                    place(run.resolve("new").resolve(file.name()), target);
                }
                syncDirectory(dir);
                steps.before("finish");
                Files.delete(run.resolve("manifest"));
                committed = true;
            } catch (IOException | RuntimeException e) {
                try {
                    rollBack(run);
                } catch (IOException | RuntimeException undo) {
                    e.addSuppressed(undo);
                    throw new ProvisioningException(ProvisionCommand.describeAny(e) + "; undoing it failed too ("
                            + ProvisionCommand.describeAny(undo) + "): the next run in " + dir + " undoes it");
                }
                throw e;
            }
        }

        /**
         * Deletes the temporary folder (taking back a set not committed) and releases the lock. After
         * a commit, a folder that cannot be deleted is a note, not a failure: the set is in place, and
         * the next run deletes the folder.
         */
        @Override
        public void close() throws IOException {
            try {
                if (!committed) {
                    rollBack(run);
                }
                steps.before("clean up");
                deleteTree(run);
                syncDirectory(dir);
            } catch (IOException | RuntimeException e) {
                if (!committed) {
                    throw e;
                }
                notes.accept("the files are in place, but " + run + " could not be deleted (" + ProvisionCommand.describeAny(e)
                        + "); it may hold the replaced files: the next run in " + dir + " deletes it");
            } finally {
                lock.release();
                lockFile.close();
            }
        }
    }

    /** A hard link appears whole and fails if the target exists; without hard links (FAT), a move that refuses one. */
    private static void place(Path source, Path target) throws IOException {
        try {
            Files.createLink(target, source);
            return;
        } catch (FileAlreadyExistsException e) {
            throw new ProvisioningException(target + " appeared while this run was writing it; refusing to overwrite it");
        } catch (UnsupportedOperationException | FileSystemException e) {
            // No hard links here: fall through to the move.
        }
        try {
            Files.move(source, target);
        } catch (FileAlreadyExistsException e) {
            throw new ProvisioningException(target + " appeared while this run was writing it; refusing to overwrite it");
        }
    }

    /**
     * Takes back what the run in {@code run} placed: every file of its manifest whose place holds the
     * new content is removed, and the old one it set aside put back. Returns what it did, in words.
     */
    private List<String> rollBack(Path run) throws IOException {
        List<String> done = new ArrayList<>();
        Path manifest = run.resolve("manifest");
        if (!Files.exists(manifest)) {
            return done;
        }
        for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
            String[] fields = line.split(" ");
            if (fields.length != 3) {
                continue;
            }
            String name = new Entry(fields[0], new byte[0], OWNER_ONLY).name();
            Path target = dir.resolve(name);
            if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) && Files.size(target) == Long.parseLong(fields[1])
                    && sha256(target).equals(fields[2])) {
                Files.delete(target);
                done.add("removed the new " + name);
            }
            Path old = run.resolve("old").resolve(name);
            if (Files.exists(old, LinkOption.NOFOLLOW_LINKS)) {
                Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
                done.add("put back the old " + name);
            }
        }
        syncDirectory(dir);
        Files.delete(manifest);
        return done;
    }

    private static void writeSynced(Path path, byte[] bytes, Set<PosixFilePermission> permissions) throws IOException {
        FileAttribute<?>[] attributes = posix()
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
                : new FileAttribute<?>[0];
        try (FileChannel channel = FileChannel.open(path, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        if (posix()) {
            // The creation mode is filtered by the umask, which may only remove bits; set it exactly.
            Files.setPosixFilePermissions(path, permissions);
        }
    }

    /** A rename is durable only once the directory entry is on disk too. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems cannot open or sync a directory; the files themselves are synced.
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest = digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
