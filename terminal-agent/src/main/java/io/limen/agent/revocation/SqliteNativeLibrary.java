package io.limen.agent.revocation;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.OSInfo;

/**
 * Loads sqlite-jdbc's native library once, before the first connection, so that a terminal with a
 * read-only root or a small, full or {@code noexec} {@code /tmp} still opens its revocation store, and
 * says in one line why not when it cannot.
 *
 * <p>Where the library comes from, first that works:
 * <ol>
 *   <li>{@code -Dorg.sqlite.lib.path} (and {@code org.sqlite.lib.name}), if the caller set them;
 *   <li>{@code lib/sqlite-native/<OS>/<arch>/} beside the agent's jar (or its {@code classes} folder),
 *       which the build unpacks from the sqlite-jdbc jar of the same version: nothing is written at run time;
 *   <li>sqlite-jdbc's own way: extract into {@code -Dorg.sqlite.tmpdir} (default {@code java.io.tmpdir})
 *       and load from there, else {@code libsqlitejdbc.so} on {@code java.library.path}.
 * </ol>
 * sqlite-jdbc logs each failed way with a stack trace (its logger is turned off in the agent's
 * {@code simplelogger.properties}); this class finds the cause instead: the extraction folder missing,
 * not writable, full, or mounted {@code noexec}.
 */
final class SqliteNativeLibrary {

    /** Beside the jar: where the build unpacks {@code org/sqlite/native/<OS>/<arch>/}. */
    static final String BESIDE_THE_JAR = "lib/sqlite-native/org/sqlite/native";

    private static Optional<String> failure;

    private SqliteNativeLibrary() {
    }

    /**
     * Loads the library unless already loaded.
     *
     * @throws java.sql.SQLException whose message says why the library cannot be loaded and what to set,
     *     the same on every call
     */
    static synchronized void load() throws java.sql.SQLException {
        if (failure == null) {
            failure = tryLoad();
        }
        if (failure.isPresent()) {
            throw new java.sql.SQLException(failure.get());
        }
    }

    private static Optional<String> tryLoad() {
        if (System.getProperty("org.sqlite.lib.path") == null) {
            besideTheJar().ifPresent(folder -> System.setProperty("org.sqlite.lib.path", folder.toString()));
        }
        Exception error = null;
        try {
            if (SQLiteJDBCLoader.initialize()) {
                return Optional.empty();
            }
        } catch (Exception | LinkageError e) {
            error = e instanceof Exception ex ? ex : new Exception(e);
        }
        return Optional.of("SQLite's native library cannot be loaded: " + cause(error));
    }

    /** The unpacked library for this OS and architecture beside our code, if the build put it there. */
    private static Optional<Path> besideTheJar() {
        try {
            Path code = Path.of(SqliteNativeLibrary.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path folder = code.getParent().resolve(BESIDE_THE_JAR).resolve(OSInfo.getNativeLibFolderPathForCurrentOS());
            return Files.isRegularFile(folder.resolve(System.mapLibraryName("sqlitejdbc"))) ? Optional.of(folder) : Optional.empty();
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty(); // no file code source (a test harness, an image): sqlite-jdbc's own way
        }
    }

    /** Why extraction into the temp folder failed, probed the way sqlite-jdbc uses it; else what sqlite-jdbc said. */
    static String cause(Exception error) {
        String property = System.getProperty("org.sqlite.tmpdir") != null ? "org.sqlite.tmpdir" : "java.io.tmpdir";
        Path folder = Path.of(System.getProperty(property, "/tmp")).toAbsolutePath();
        String fix = "; set -Dorg.sqlite.tmpdir=DIR to a writable folder that allows programs (not noexec)";
        String where = "sqlite-jdbc extracts it into " + folder + " (" + property + "), ";
        if (!Files.isDirectory(folder)) {
            return where + "which " + (Files.exists(folder) ? "is not a directory" : "does not exist") + fix;
        }
        Path probe = null;
        try {
            probe = Files.createTempFile(folder, "limen-probe-", ".so");
            try (OutputStream out = Files.newOutputStream(probe)) {
                out.write(new byte[64 * 1024]); // about a page of the 1 MB library: a full disk fails here
            }
        } catch (IOException e) {
            return where + "where a file cannot be written (" + reason(e) + ")" + fix;
        } finally {
            deleteQuietly(probe);
        }
        if (MountOptions.of(folder).contains("noexec")) {
            return where + "which is on a filesystem mounted noexec" + fix;
        }
        return "sqlite-jdbc: " + (error == null ? "no library for " + OSInfo.getNativeLibFolderPathForCurrentOS()
                : error.getMessage() != null ? error.getMessage() : error.toString());
    }

    private static String reason(IOException e) {
        String message = e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null ? fs.getReason() : e.getMessage();
        return e instanceof java.nio.file.AccessDeniedException ? "permission denied" : String.valueOf(message);
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // A probe left in a temp folder is harmless; the message about the library matters more.
            }
        }
    }

    /** The options of the mount a folder is on, from {@code /proc/self/mounts}; empty where there is none. */
    static final class MountOptions {

        private MountOptions() {
        }

        static List<String> of(Path folder) {
            try {
                Path real = folder.toRealPath();
                String best = "";
                List<String> options = List.of();
                for (String line : Files.readAllLines(Path.of("/proc/self/mounts"))) {
                    String[] fields = line.split(" ");
                    if (fields.length < 4) {
                        continue;
                    }
                    String mountPoint = fields[1].replace("\\040", " ");
                    if (real.startsWith(mountPoint) && mountPoint.length() >= best.length()) {
                        best = mountPoint;
                        options = List.of(fields[3].split(","));
                    }
                }
                return options;
            } catch (IOException | RuntimeException e) {
                return List.of(); // not Linux, or /proc not mounted: nothing known
            }
        }
    }
}
