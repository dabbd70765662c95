package io.limen.config.yaml;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The typed values read from one file, by field path ({@code gate.pulseMs}): Long, Boolean, String,
 * Path (absolute) or List of String, defaults filled in, optional keys left out absent. The section
 * builders of {@link ConfigModel} read them and may reject a combination ({@link #reject}); the loader
 * turns a rejection into a problem at the position of the value rejected.
 */
final class Values {

    /** A rule across fields broken, found while building a section. */
    record Rejection(String path, String message) {
    }

    private final Map<String, Object> values = new HashMap<>();
    private final Map<String, Position> given = new HashMap<>();
    private final List<String> pathsWithProblems = new ArrayList<>();
    private final List<Rejection> rejections = new ArrayList<>();

    void put(String path, Object value, Position position) {
        values.put(path, value);
        if (position != null) {
            given.put(path, position);
        }
    }

    /** Where the file gives a mapping (a section), for problems about the section as a whole. */
    void mapping(String path, Position position) {
        given.put(path, position);
    }

    /** A value the builder derived (a board pin from its profile), for the effective config. */
    void resolve(String path, Object value) {
        values.putIfAbsent(path, value);
    }

    void problemAt(String path) {
        pathsWithProblems.add(path);
    }

    /** Where the file gave this value; empty when it is a default or derived. */
    Optional<Position> position(String path) {
        return Optional.ofNullable(given.get(path));
    }

    Optional<Object> raw(String path) {
        return Optional.ofNullable(values.get(path));
    }

    void reject(String path, String message) {
        rejections.add(new Rejection(path, message));
    }

    List<Rejection> rejections() {
        return rejections;
    }

    /**
     * Builds one section, unless a value under it was already wrong (its builder would see holes).
     * A record's own rule that the table does not state (one across fields) is reported at the section.
     *
     * @return the section, or null when it has problems
     */
    <T> T section(String name, Function<Values, T> builder) {
        String prefix = name + ".";
        if (pathsWithProblems.stream().anyMatch(p -> p.equals(name) || p.startsWith(prefix))) {
            return null;
        }
        int before = rejections.size();
        try {
            T built = builder.apply(this);
            return rejections.size() == before ? built : null;
        } catch (IllegalArgumentException e) {
            if (rejections.size() == before) { // else the record refused what the builder already reported
                reject(name, e.getMessage());
            }
            return null;
        }
    }

    long whole(String path) {
        return (Long) require(path);
    }

    int intValue(String path) {
        return Math.toIntExact(whole(path));
    }

    Duration millis(String path) {
        return Duration.ofMillis(whole(path));
    }

    boolean flag(String path) {
        return (Boolean) require(path);
    }

    String text(String path) {
        return (String) require(path);
    }

    Path path(String path) {
        return (Path) require(path);
    }

    @SuppressWarnings("unchecked")
    List<String> words(String path) {
        return (List<String>) require(path);
    }

    <T> Optional<T> optional(String path, Class<T> type) {
        return raw(path).map(type::cast);
    }

    private Object require(String path) {
        Object value = values.get(path);
        if (value == null) {
            // A builder asked for a key the table does not declare, or declares as optional: a bug here.
            throw new IllegalStateException("no value for " + path);
        }
        return value;
    }
}
