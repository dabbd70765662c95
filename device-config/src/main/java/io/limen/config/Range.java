package io.limen.config;

/**
 * An inclusive range of whole numbers that a config value must lie in, written once beside the record
 * that checks it: the record's compact constructor, the YAML loader's message and the JSON Schema's
 * {@code minimum}/{@code maximum} all read the same constant.
 *
 * @param min the smallest allowed value
 * @param max the largest allowed value, at least {@code min}
 */
public record Range(long min, long max) {

    public Range {
        if (min > max) {
            throw new IllegalArgumentException("range min must not exceed max, but was " + min + ".." + max);
        }
    }

    public boolean contains(long value) {
        return value >= min && value <= max;
    }

    /** The rule as a config file's reader sees it: "must be between 50 and 10000". */
    public String rule() {
        return "must be between " + min + " and " + max;
    }
}
