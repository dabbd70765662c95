package io.limen.agent.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The demo's folder, claimed for one run: locked against a second demo, cleared of exactly what an
 * earlier demo wrote there, and a record of every file this run writes.
 *
 * <pre>
 *   DIR/.limen-demo.lock   held (an OS file lock) while a demo runs; holds its process id
 *   DIR/.limen-demo        the manifest: one line per folder and file this demo wrote
 *       dir  frames
 *       file SHA-256 SIZE FILE-KEY frames/01-nobody.png      (FILE-KEY: the file system's identity, device and inode)
 * </pre>
 *
 * <p>A rerun deletes a file only if the manifest lists it and it is still that very file: a regular
 * file (not a link) at that path inside the folder, with the same identity, size and SHA-256. A
 * manifest copied with the files, or planted by hand, names files whose identity differs, so nothing
 * is deleted; the demo then sees files it did not write and refuses the folder, naming them. It checks
 * everything before it deletes anything. The SQLite store's {@code -wal} and {@code -shm} go with it.
 */
final class DemoFolder implements AutoCloseable {

    static final String MANIFEST = ".limen-demo";
    static final String LOCK = ".limen-demo.lock";
    private static final String HEADER = "# limen demo: what it wrote here; the next demo deletes exactly these, if unchanged";

    /** Folders claimed by this process: an OS file lock keeps out other processes, not this one. */
    private static final Set<Path> CLAIMED_HERE = ConcurrentHashMap.newKeySet();

    private final Path dir;
    private final Path claimed;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Writer manifest;

    private DemoFolder(Path dir, Path claimed, FileChannel lockChannel, FileLock lock, Writer manifest) {
        this.dir = dir;
        this.claimed = claimed;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.manifest = manifest;
    }

    /**
     * Claims {@code dir} for a demo: creates it if absent, takes its lock, deletes what the last demo
     * wrote there, and starts a new manifest.
     *
     * @throws IOException naming the folder, if it is not a directory, another demo holds it, or it
     *     holds anything an earlier demo did not write (then nothing is deleted)
     */
    static DemoFolder claim(Path dir) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IOException("demo folder " + dir + " is not a directory; name a new or empty folder with --dir");
        }
        Files.createDirectories(dir);
        for (String own : new String[] {LOCK, MANIFEST}) {
            Path file = dir.resolve(own);
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                // A link there would make the demo write through it, wherever it points.
                throw new IOException("demo folder " + dir + " holds " + own + ", which is not a regular file; the demo did"
                        + " not make it: move it away, or name a new or empty folder with --dir");
            }
        }
        Path claimed = dir.toRealPath();
        if (!CLAIMED_HERE.add(claimed)) {
            // Checked before a second channel is opened: closing one would drop this process's lock for good.
            throw inUse(dir, "process " + ProcessHandle.current().pid());
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | RuntimeException e) {
            CLAIMED_HERE.remove(claimed);
            throw e;
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw inUse(dir, holder(channel));
            }
            channel.truncate(0).write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            clearEarlierDemo(dir);
            Writer manifest = Files.newBufferedWriter(dir.resolve(MANIFEST), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            manifest.write(HEADER + "\n");
            manifest.flush();
            return new DemoFolder(dir, claimed, channel, lock, manifest);
        } catch (IOException | RuntimeException e) {
            channel.close(); // releases the lock, if taken
            CLAIMED_HERE.remove(claimed);
            throw e;
        }
    }

    private static IOException inUse(Path dir, String holder) {
        return new IOException("demo folder " + dir + " is in use by another demo (" + holder + " holds "
                + dir.resolve(LOCK) + "); wait for it to end, or name another folder with --dir");
    }

    Path dir() {
        return dir;
    }

    /** Writes a new file (never over an existing one) at {@code relative}, and records it. */
    Path writeString(String relative, String text, FileAttribute<?>... attributes) throws IOException {
        Path file = newFile(relative, attributes);
        Files.writeString(file, text);
        return record(file);
    }

    /** An empty new file at {@code relative} (its folders made and recorded) for the caller to fill, then {@link #record}. */
    Path newFile(String relative, FileAttribute<?>... attributes) throws IOException {
        Path file = dir.resolve(relative);
        Path parent = file.getParent();
        List<Path> made = new ArrayList<>();
        for (Path p = parent; !p.equals(dir) && !Files.isDirectory(p); p = p.getParent()) {
            made.addFirst(p);
        }
        for (Path folder : made) {
            Files.createDirectory(folder);
            line("dir " + dir.relativize(folder));
        }
        return Files.createFile(file, attributes); // fails if something is there: never overwrite
    }

    /** Records a file this run wrote (complete now), so that the next demo may delete it. */
    Path record(Path file) throws IOException {
        Identity identity = Identity.of(file);
        line("file " + identity.sha256() + " " + identity.size() + " " + identity.key() + " " + dir.relativize(file));
        return file;
    }

    private void line(String text) throws IOException {
        manifest.write(text + "\n");
        manifest.flush(); // a demo killed half-way leaves a manifest of what it had written
    }

    @Override
    public void close() throws IOException {
        try (lockChannel; manifest) {
            lock.release();
        } finally {
            CLAIMED_HERE.remove(claimed);
        }
    }

    private static String holder(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(32);
            int read = channel.read(buffer, 0);
            String pid = read > 0 ? new String(buffer.array(), 0, read, StandardCharsets.US_ASCII).strip() : "";
            return pid.matches("[0-9]+") ? "process " + pid : "another process";
        } catch (IOException e) {
            return "another process";
        }
    }

    /** Deletes what the manifest lists and is unchanged; refuses, deleting nothing, if anything else is there. */
    private static void clearEarlierDemo(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        List<Path> folders = new ArrayList<>();
        Path manifest = dir.resolve(MANIFEST);
        if (Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS)) {
            for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
                String[] fields = line.split(" ", 5);
                if (fields.length == 5 && fields[0].equals("file")) {
                    inside(dir, fields[4]).filter(file -> Identity.matches(file, fields[1], fields[2], fields[3])).ifPresent(file -> {
                        files.add(file);
                        // SQLite's companions of a store the demo wrote: readers leave them beside it.
                        for (String suffix : new String[] {"-wal", "-shm"}) {
                            Path companion = Path.of(file + suffix);
                            if (file.toString().endsWith(".db") && Files.isRegularFile(companion, LinkOption.NOFOLLOW_LINKS)) {
                                files.add(companion);
                            }
                        }
                    });
                } else if (fields.length == 2 && fields[0].equals("dir")) {
                    inside(dir, fields[1]).filter(folder -> Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)).ifPresent(folders::add);
                }
            }
        }
        List<Path> foreign = new ArrayList<>();
        Set<Path> ours = Set.copyOf(files);
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(p -> !p.equals(dir) && !p.equals(manifest) && !p.equals(dir.resolve(LOCK)))
                    .filter(p -> !ours.contains(p) && !folders.contains(p))
                    .sorted()
                    .forEach(foreign::add);
        }
        if (!foreign.isEmpty()) {
            throw new IOException("demo folder " + dir + " holds " + foreign.size() + " file(s) the demo did not write ("
                    + String.join(", ", foreign.stream().limit(3).map(p -> dir.relativize(p).toString()).toList())
                    + (foreign.size() > 3 ? ", ..." : "") + "); it deletes only its own files:"
                    + " move them away, or name a new or empty folder with --dir");
        }
        for (Path file : files) {
            Files.deleteIfExists(file);
        }
        folders.sort((a, b) -> b.getNameCount() - a.getNameCount()); // deepest first
        for (Path folder : folders) {
            Files.deleteIfExists(folder); // empty now: everything in it was ours
        }
    }

    /** {@code relative} resolved in {@code dir}, if it stays inside it (a manifest is only text: it may say "../.."). */
    private static java.util.Optional<Path> inside(Path dir, String relative) {
        Path path = dir.resolve(relative).normalize();
        return path.startsWith(dir.normalize()) && !path.equals(dir.normalize()) && !Path.of(relative).isAbsolute()
                ? java.util.Optional.of(path) : java.util.Optional.empty();
    }

    /** What makes a file the very one the demo wrote: where it lives on disk, its size and its bytes. */
    private record Identity(String sha256, long size, String key) {

        static Identity of(Path file) throws IOException {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            Object key = attributes.fileKey();
            return new Identity(sha256(file), attributes.size(), key == null ? "-" : key.toString().replace(' ', '_'));
        }

        static boolean matches(Path file, String sha256, String size, String key) {
            try {
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || key.equals("-")) {
                    return false;
                }
                Identity now = of(file);
                return now.key.equals(key) && String.valueOf(now.size).equals(size) && now.sha256.equals(sha256);
            } catch (IOException e) {
                return false; // unreadable now: not provably ours, so not deleted
            }
        }

        private static String sha256(Path file) throws IOException {
            try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                }
                return HexFormat.of().formatHex(digest.digest());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has SHA-256", e);
            }
        }
    }
}
