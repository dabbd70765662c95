package io.limen.config.yaml;

import io.limen.config.Range;
import java.util.List;

/**
 * What a config key holds. The loader reads a YAML node by its type, the schema writer turns it into
 * JSON Schema, the reference table into prose: one declaration, three readers.
 */
public sealed interface FieldType {

    /** A whole number within {@code range}; durations are whole milliseconds in keys named {@code ...Ms}. */
    record Whole(Range range) implements FieldType {
    }

    /** {@code true} or {@code false}. */
    record Flag() implements FieldType {
    }

    /** A name an operator types and a log prints: 1..64 characters, no surrounding blanks or control characters. */
    record Name() implements FieldType {
    }

    /** One of a fixed set of words. */
    record Choice(List<String> values) implements FieldType {
        public Choice {
            values = List.copyOf(values);
        }
    }

    /** A file or folder path, relative to the config file's folder unless absolute, checked by {@code rule}. */
    record FilePath(PathRule rule) implements FieldType {
    }

    /** A list of 1..{@code maxItems} non-empty texts, such as a command and its arguments. */
    record Words(int maxItems) implements FieldType {
    }

    /**
     * A mapping whose keys depend on its {@code kind}: one of several variants, each with its own fields
     * ({@code camera.source} is {@code kind: v4l2} with a {@code device}, or {@code kind: rpicam} with a
     * {@code camera}, ...).
     */
    record Variants(List<Variant> variants) implements FieldType {
        /** The key naming the variant. */
        public static final String KIND = "kind";

        public Variants {
            variants = List.copyOf(variants);
        }

        public List<String> kinds() {
            return variants.stream().map(Variant::kind).toList();
        }

        public Variant variant(String kind) {
            return variants.stream().filter(v -> v.kind().equals(kind)).findFirst().orElse(null);
        }

        /** The fields of one variant as a group: {@code kind} first, then the variant's own. */
        public Group group(Variant variant) {
            List<Field> fields = new java.util.ArrayList<>();
            fields.add(Field.required(KIND, new Choice(kinds()), "", "Which kind this is; the other keys depend on it."));
            fields.addAll(variant.fields());
            return new Group(fields);
        }
    }

    /** One variant of {@link Variants}: its kind's name, what it is, and its keys. */
    record Variant(String kind, String doc, List<Field> fields) {
        public Variant {
            fields = List.copyOf(fields);
        }
    }

    /** A mapping of keys, each declared by one field. */
    record Group(List<Field> fields) implements FieldType {
        public Group {
            fields = List.copyOf(fields);
        }
    }
}
