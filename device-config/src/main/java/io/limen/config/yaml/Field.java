package io.limen.config.yaml;

import java.util.Objects;

/**
 * One key of the config file: its name, what it holds, whether it may be left out and what it then
 * is, and its documentation. The table of these in {@link ConfigModel} is the single description of
 * the file that the loader, the JSON Schema and docs/configuration.md are made from.
 *
 * @param key          the key as written in the file, camelCase ({@code pulseMs})
 * @param type         what the value must be
 * @param presence     whether the key is required, has a default, or may be absent
 * @param defaultValue the value when absent ({@link Presence#DEFAULT} only): a Long, Boolean, String or
 *                     List of String, in the file's own terms (milliseconds, not Duration)
 * @param unit         the unit of a number ("ms", "pixels"), or empty
 * @param doc          one or two sentences for a technician: what it does, where the default comes from
 * @param secret       whether the effective config prints it masked
 */
public record Field(String key, FieldType type, Presence presence, Object defaultValue, String unit, String doc,
                    boolean secret) {

    /** Whether a key must be in the file. */
    public enum Presence {
        /** The file must give it. */
        REQUIRED,
        /** Left out, it takes {@link #defaultValue}. */
        DEFAULT,
        /** Left out (or null), it is absent: a real answer, such as "no zone". */
        OPTIONAL
    }

    public Field {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(presence, "presence");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(doc, "doc");
        if ((presence == Presence.DEFAULT) != (defaultValue != null)) {
            throw new IllegalArgumentException(key + ": a default value goes with presence DEFAULT, and only with it");
        }
    }

    static Field required(String key, FieldType type, String unit, String doc) {
        return new Field(key, type, Presence.REQUIRED, null, unit, doc, false);
    }

    static Field withDefault(String key, FieldType type, Object defaultValue, String unit, String doc) {
        return new Field(key, type, Presence.DEFAULT, defaultValue, unit, doc, false);
    }

    static Field optional(String key, FieldType type, String unit, String doc) {
        return new Field(key, type, Presence.OPTIONAL, null, unit, doc, false);
    }

    /** A section or mapping that, left out, has every key at its default (and misses its required keys). */
    static Field group(String key, String doc, Field... fields) {
        return new Field(key, new FieldType.Group(java.util.List.of(fields)), Presence.DEFAULT, java.util.Map.of(), "", doc, false);
    }

    /** A mapping that, left out, is absent as a whole (no region of interest); given, its required keys are required. */
    static Field optionalGroup(String key, String doc, Field... fields) {
        return new Field(key, new FieldType.Group(java.util.List.of(fields)), Presence.OPTIONAL, null, "", doc, false);
    }

    /** A mapping of one of several kinds, which the file must give. */
    static Field variants(String key, String doc, FieldType.Variant... variants) {
        return new Field(key, new FieldType.Variants(java.util.List.of(variants)), Presence.REQUIRED, null, "", doc, false);
    }
}
