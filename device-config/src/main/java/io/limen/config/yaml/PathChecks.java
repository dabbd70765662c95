package io.limen.config.yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Checks a path a config names against its {@link PathRule}, relative paths taken from the config
 * file's folder (what a person who wrote {@code trust.pem} beside the config means, wherever the agent
 * was started from).
 */
final class PathChecks {

    private static final Set<PosixFilePermission> READABLE_BY_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);

    private final Path base;

    PathChecks(Path base) {
        this.base = base;
    }

    Path resolve(String text) {
        return base.resolve(text).normalize();
    }

    /** What is wrong with the path for its rule, as a problem message; null when nothing is. */
    String problem(PathRule rule, String text) {
        Path path;
        try {
            path = resolve(text);
        } catch (InvalidPathException e) {
            return "\"" + Describe.shorten(text) + "\" is not a path — must be a path to " + rule.rule();
        }
        String shown = Describe.shorten(text) + (Path.of(text).isAbsolute() ? "" : " (" + path + ")");
        return switch (rule) {
            case FILE -> file(path, shown);
            case PRIVATE_KEY -> {
                String notFile = file(path, shown);
                yield notFile != null ? notFile : privateKey(path, shown);
            }
            case DEVICE -> !Files.exists(path) ? shown + " does not exist — must be " + rule.rule()
                    : Files.isDirectory(path) ? shown + " is a folder — must be " + rule.rule() : null;
            case FILE_OR_FOLDER -> Files.exists(path) ? null : shown + " does not exist — must be " + rule.rule();
            case FOLDER -> Files.isDirectory(path) ? null
                    : Files.exists(path) ? shown + " is not a folder — must be " + rule.rule()
                    : shown + " does not exist — must be " + rule.rule();
            case FILE_IN_FOLDER -> Files.isDirectory(path) ? shown + " is a folder — must be " + rule.rule()
                    : Files.isDirectory(path.getParent()) ? null
                    : shown + " is in no existing folder — must be " + rule.rule();
            case FILE_READ_LATER -> Files.isDirectory(path) ? shown + " is a folder — must be " + rule.rule() : null;
        };
    }

    private static String file(Path path, String shown) {
        if (!Files.exists(path)) {
            return shown + " does not exist — must be an existing file";
        }
        if (!Files.isRegularFile(path)) {
            return shown + " is not a file — must be an existing file";
        }
        if (!Files.isReadable(path)) {
            return shown + " cannot be read by this user — must be a readable file";
        }
        return null;
    }

    private static String privateKey(Path path, String shown) {
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path);
            if (mode.stream().anyMatch(READABLE_BY_OTHERS::contains)) {
                return shown + " is a private key readable by its group or others (mode "
                        + java.nio.file.attribute.PosixFilePermissions.toString(mode) + ") — must be readable by its owner only (chmod 600)";
            }
            return null;
        } catch (UnsupportedOperationException e) {
            return null; // No POSIX modes here (a FAT USB stick): nothing to check.
        } catch (IOException e) {
            return shown + " cannot be read (" + e.getMessage() + ") — must be a readable file";
        }
    }
}
