package io.limen.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The rules the config records apply in their compact constructors, each failing with the field's path
 * (as a config file names it), the rule and the value seen: "gate.grantPulse must be within
 * 50..10000 ms, but was 0 ms". The YAML loader adds the file position in front.
 */
public final class Checks {

    private Checks() {
    }

    static <T> T present(String field, T value) {
        return Objects.requireNonNull(value, field + " must be set");
    }

    static Duration within(String field, Duration value, Duration min, Duration max) {
        present(field, value);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(field + " must be within " + min.toMillis() + ".." + max.toMillis()
                    + " ms, but was " + value.toMillis() + " ms");
        }
        return value;
    }

    /** {@code value} in milliseconds within {@code millis}: the form a config file writes durations in. */
    static Duration within(String field, Duration value, Range millis) {
        return within(field, value, Duration.ofMillis(millis.min()), Duration.ofMillis(millis.max()));
    }

    static long within(String field, long value, Range range) {
        return within(field, value, range.min(), range.max());
    }

    static long within(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " must be within " + min + ".." + max + ", but was " + value);
        }
        return value;
    }

    /** The rule of {@link #name}, in the words of a config file's reader. */
    public static final String NAME_RULE = "must be 1 to 64 characters without surrounding blanks or control characters";

    /** Whether {@link #name} accepts {@code value}. */
    public static boolean isName(String value) {
        return value != null && !value.isBlank() && value.length() <= 64 && value.strip().equals(value)
                && value.chars().noneMatch(Character::isISOControl);
    }

    /** A name an operator types and a log prints: 1–64 characters, no surrounding or control whitespace. */
    static String name(String field, String value) {
        present(field, value);
        if (!isName(value)) {
            throw new IllegalArgumentException(field + " must be 1..64 characters without surrounding blanks or control"
                    + " characters, but was \"" + value.replaceAll("\\p{Cntrl}", "?") + "\"");
        }
        return value;
    }
}
