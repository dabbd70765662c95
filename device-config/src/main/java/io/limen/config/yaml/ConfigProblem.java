package io.limen.config.yaml;

import java.nio.file.Path;

/**
 * One thing wrong with a config file, where it is, and what is allowed instead.
 *
 * @param file      the config file as it was named to the loader
 * @param line      1-based line; 0 when the problem is the file as a whole (missing, too large)
 * @param column    1-based column in characters; 0 with line 0
 * @param fieldPath the key's path from the top ({@code gate.pulseMs}); empty when the problem is not
 *                  one key's (a tab, a syntax error, an empty file)
 * @param message   what is wrong, then " — " and what is allowed: {@code 0 — must be between 50 and 10000}
 */
public record ConfigProblem(Path file, int line, int column, String fieldPath, String message) {

    /**
     * {@code config.yaml:14:12 gate.pulseMs: 0 — must be between 50 and 10000}, the form compilers print;
     * {@code config.yaml: no such file — ...} for a problem of the whole file.
     */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder().append(file);
        if (line > 0) {
            s.append(':').append(line).append(':').append(column).append(' ');
        } else {
            s.append(": "); // a problem of the whole file: "limen.yaml: no such file — ..."
        }
        if (!fieldPath.isEmpty()) {
            s.append(fieldPath).append(": ");
        }
        return s.append(message).toString();
    }
}
