package io.limen.config.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Committed files made from the model (the schema, the docs' key reference): a test compares them with
 * what the model makes now and fails on any difference; run with {@code -Dlimen.regenerate=true} to
 * rewrite them. Paths are from this module's folder, where Maven runs its tests.
 */
final class GeneratedFiles {

    static final Path REPOSITORY = Path.of("..");

    private GeneratedFiles() {
    }

    /** Asserts that {@code file} holds {@code expected}, or rewrites it when regenerating. */
    static void check(Path file, String expected) throws IOException {
        if (Boolean.getBoolean("limen.regenerate")) {
            Files.writeString(file, expected, StandardCharsets.UTF_8);
        }
        assertEquals(expected, Files.readString(file, StandardCharsets.UTF_8),
                file + " differs from what the config model makes: run the device-config tests with -Dlimen.regenerate=true");
    }

    /** Asserts that the text between {@code begin} and {@code end} in {@code file} is {@code expected}. */
    static void checkBetween(Path file, String begin, String end, String expected) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new AssertionError(file + " must hold the markers " + begin + " and " + end);
        }
        String wanted = text.substring(0, from + begin.length()) + "\n" + expected + text.substring(to);
        check(file, wanted);
    }
}
