package io.limen.config.yaml;

/** Words for types and values in problem messages and the reference table. */
final class Describe {

    private static final int SHOWN = 40;

    private Describe() {
    }

    /** What a value of this type must be: "a whole number between 50 and 10000". */
    static String rule(FieldType type) {
        return switch (type) {
            case FieldType.Whole w -> "a whole number between " + w.range().min() + " and " + w.range().max();
            case FieldType.Flag f -> "true or false";
            case FieldType.Name n -> "a name of 1 to 64 characters";
            case FieldType.Choice c -> "one of " + String.join(", ", c.values());
            case FieldType.FilePath p -> "a path to " + p.rule().rule();
            case FieldType.Words w -> "a list of 1 to " + w.maxItems() + " texts";
            case FieldType.Group g -> "a mapping of keys";
            case FieldType.Variants v -> "a mapping with kind: " + String.join(", ", v.kinds());
        };
    }

    /** A value as typed, cut to 40 characters and with control characters shown as '?': safe to print. */
    static String shorten(String value) {
        return shorten(value, SHOWN);
    }

    static String shorten(String value, int max) {
        String clean = value.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= max ? clean : clean.substring(0, max) + "…";
    }
}
