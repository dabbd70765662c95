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

    /** A mapping of keys, each declared by one field. */
    record Group(List<Field> fields) implements FieldType {
        public Group {
            fields = List.copyOf(fields);
        }
    }
}
