package io.limen.config.yaml;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The problems found in one file so far; reading goes on after each. */
final class Problems {

    private final Path file;
    private final List<ConfigProblem> found = new ArrayList<>();

    Problems(Path file) {
        this.file = file;
    }

    void add(Position at, String fieldPath, String message) {
        found.add(new ConfigProblem(file, at.line(), at.column(), fieldPath, message));
    }

    /** A problem of the file as a whole (missing, too large): no line. */
    void addForFile(String message) {
        found.add(new ConfigProblem(file, 0, 0, "", message));
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    /** In file order, the order an editor's problem list shows. */
    List<ConfigProblem> sorted() {
        return found.stream()
                .sorted(Comparator.comparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column))
                .toList();
    }
}
