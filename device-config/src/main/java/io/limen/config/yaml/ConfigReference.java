package io.limen.config.yaml;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The key reference of docs/configuration.md, made from the {@link ConfigModel} table so that the docs
 * cannot drift from the loader: one table per section, a row per key with its type, unit, default,
 * allowed values and meaning. A test fails when the docs hold another text.
 */
final class ConfigReference {

    private ConfigReference() {
    }

    static String markdown() {
        StringBuilder out = new StringBuilder();
        for (Field section : ConfigModel.ROOT.fields()) {
            FieldType.Group group = (FieldType.Group) section.type();
            out.append("### `").append(section.key()).append("`\n\n").append(section.doc()).append("\n\n");
            out.append("| key | type | unit | default | allowed | meaning |\n|---|---|---|---|---|---|\n");
            rows(out, section.key(), group, "");
            out.append('\n');
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String path, Field field, String lead) {
        out.append("| `").append(path).append("` | ").append(type(field.type())).append(" | ")
                .append(field.unit()).append(" | ").append(defaultText(field)).append(" | ")
                .append(allowed(field.type())).append(" | ").append(lead).append(field.doc()).append(" |\n");
    }

    private static void rows(StringBuilder out, String prefix, FieldType.Group group, String lead) {
        for (Field field : group.fields()) {
            String path = prefix + "." + field.key();
            if (field.type() instanceof FieldType.Group inner) {
                rows(out, path, inner, field.presence() == Field.Presence.OPTIONAL ? "If given: " : "");
                continue;
            }
            if (field.type() instanceof FieldType.Variants kinds) {
                row(out, path + "." + FieldType.Variants.KIND, kinds.group(kinds.variants().get(0)).fields().get(0), field.doc() + " ");
                for (FieldType.Variant variant : kinds.variants()) {
                    rows(out, path, new FieldType.Group(variant.fields()), "With kind `" + variant.kind() + "`: ");
                }
                continue;
            }
            row(out, path, field, lead);
        }
    }

    private static String type(FieldType type) {
        return switch (type) {
            case FieldType.Whole w -> "integer";
            case FieldType.Flag f -> "boolean";
            case FieldType.Name n -> "text";
            case FieldType.Choice c -> "word";
            case FieldType.FilePath p -> "path";
            case FieldType.Words w -> "list of texts";
            case FieldType.Group g -> "mapping";
            case FieldType.Variants v -> "mapping";
        };
    }

    private static String defaultText(Field field) {
        return switch (field.presence()) {
            case REQUIRED -> "**required**";
            case OPTIONAL -> "—";
            case DEFAULT -> field.defaultValue() instanceof List<?> list
                    ? list.stream().map(v -> "`" + v + "`").collect(Collectors.joining(" "))
                    : "`" + field.defaultValue() + "`";
        };
    }

    private static String allowed(FieldType type) {
        return switch (type) {
            case FieldType.Whole w -> w.range().min() + " to " + w.range().max();
            case FieldType.Flag f -> "`true`, `false`";
            case FieldType.Name n -> "1 to 64 characters, no surrounding blanks";
            case FieldType.Choice c -> c.values().stream().map(v -> "`" + v + "`").collect(Collectors.joining(", "));
            case FieldType.FilePath p -> p.rule().rule();
            case FieldType.Words w -> "1 to " + w.maxItems() + " items";
            case FieldType.Group g -> "";
            case FieldType.Variants v -> "";
        };
    }
}
