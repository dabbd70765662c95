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
                rejectByMessage(name, e.getMessage());
            }
            return null;
        }
    }

    /**
     * A record's own rule across fields ("camera.width must be a multiple of 64 for an rpicam source, but
     * was 1000"), reported at the key its message names when the file gave it (durations as their
     * {@code ...Ms} key), else at the section.
     */
    private void rejectByMessage(String section, String message) {
        int space = message.indexOf(' ');
        String named = space > 0 ? message.substring(0, space) : "";
        for (String path : new String[] {named, named + "Ms"}) {
            if (path.startsWith(section + ".") && (values.containsKey(path) || given.containsKey(path))) {
                reject(path, message.substring(space + 1));
                return;
            }
        }
        reject(section, message);
    }

    /** Where the file gave this path or, failing that, the nearest mapping around it; the file's start when none. */
    Position nearestPosition(String path) {
        for (String p = path; !p.isEmpty(); p = p.contains(".") ? p.substring(0, p.lastIndexOf('.')) : "") {
            Position at = given.get(p);
            if (at != null) {
                return at;
            }
        }
        return Position.START;
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
