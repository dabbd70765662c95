package io.limen.agent.cli.image;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * What is wrong with a file a person named for reading, found from its metadata alone, before it is
 * opened: opening a FIFO blocks until someone writes to it, so a named pipe given as an image or trust
 * file would hang the command for ever.
 */
public final class InputFiles {

    /** {@code st_mode} file types (sys/stat.h), to name a non-regular file for what it is. */
    private static final int TYPE_MASK = 0170000;
    private static final int FIFO = 0010000;
    private static final int SOCKET = 0140000;
    private static final int CHARACTER_DEVICE = 0020000;
    private static final int BLOCK_DEVICE = 0060000;

    private InputFiles() {
    }

    /**
     * Why {@code file} cannot be read as a file of at most {@code maxBytes}, or empty when it can (as
     * far as its metadata says: it may still change, or fail to open). The text follows the file's
     * name: "no such file", "is a directory", "is a FIFO (named pipe), not a regular file", "permission
     * denied", "is 70000000 bytes, more than the 67108864 allowed".
     */
    public static Optional<String> problem(Path file, long maxBytes) {
        return problem(file, maxBytes, true);
    }

    /**
     * The same, and an empty file is a problem too ("is empty (0 bytes)"): its size comes from the same
     * metadata read, not a second one.
     */
    public static Optional<String> nonEmptyProblem(Path file, long maxBytes) {
        return problem(file, maxBytes, false);
    }

    private static Optional<String> problem(Path file, long maxBytes, boolean emptyAllowed) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class); // follows links, as opening does
        } catch (NoSuchFileException e) {
            return Optional.of(Files.isSymbolicLink(file) ? "is a link to a file that does not exist" : "no such file");
        } catch (AccessDeniedException e) {
            return Optional.of("permission denied (a folder on its path cannot be searched)");
        } catch (IOException e) {
            return Optional.of("cannot be read: " + e.getMessage());
        }
        if (attributes.isDirectory()) {
            return Optional.of("is a directory, not a file");
        }
        if (!attributes.isRegularFile()) {
            return Optional.of("is " + kind(file) + ", not a regular file; it is not read");
        }
        if (!Files.isReadable(file)) {
            return Optional.of("permission denied (this user may not read it)");
        }
        if (!emptyAllowed && attributes.size() == 0) {
            return Optional.of("is empty (0 bytes)");
        }
        if (attributes.size() > maxBytes) {
            return Optional.of("is " + attributes.size() + " bytes, more than the " + maxBytes + " allowed");
        }
        return Optional.empty();
    }

    private static String kind(Path file) {
        try {
            int mode = (Integer) Files.getAttribute(file, "unix:mode") & TYPE_MASK;
            return switch (mode) {
                case FIFO -> "a FIFO (named pipe)";
                case SOCKET -> "a socket";
                case CHARACTER_DEVICE -> "a character device";
                case BLOCK_DEVICE -> "a block device";
                default -> "a special file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "a special file (a FIFO, socket or device)"; // no unix view: say what it can be
        }
    }
}
