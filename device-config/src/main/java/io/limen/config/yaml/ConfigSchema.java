package io.limen.config.yaml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/**
 * The JSON Schema (draft 2020-12) of the config file, made from the {@link ConfigModel} table, for
 * editors that complete and check YAML as it is typed. The loader stays the judge: it also checks what
 * a schema cannot (files exist, private-key modes, pins used twice, duplicate keys). Shipped as
 * {@code limen-config.schema.json} in this module's resources and in docs/; a test fails when either
 * differs from what this writes.
 */
public final class ConfigSchema {

    /** Where the schema is shipped, in this module's resources. */
    public static final String RESOURCE = "limen-config.schema.json";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ConfigSchema() {
    }

    /** The schema as pretty-printed JSON, keys in the model's order, ending with a newline. */
    public static String json() {
        ObjectNode schema = JSON.objectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("title", "Limen terminal configuration");
        schema.put("description", "One YAML file for the whole terminal (docs/configuration.md). Durations are whole"
                + " milliseconds in keys ending Ms; sizes are whole bytes in keys ending Bytes; paths are relative to the config file's folder unless absolute."
                + (ConfigModel.RESERVED_SECTIONS.isEmpty() ? "" : " Reserved for later versions: " + String.join(", ", ConfigModel.RESERVED_SECTIONS) + "."));
        group(schema, ConfigModel.ROOT, false);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(schema) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // a tree of plain nodes always serialises
        }
    }

    private static void group(ObjectNode out, FieldType.Group group, boolean nullable) {
        type(out, "object", nullable);
        out.put("additionalProperties", false);
        ObjectNode properties = out.putObject("properties");
        ArrayNode required = JSON.arrayNode();
        for (Field field : group.fields()) {
            properties.set(field.key(), field(field));
            if (needed(field)) {
                required.add(field.key());
            }
        }
        if (!required.isEmpty()) {
            out.set("required", required);
        }
    }

    /** A required key, or a section holding one: the file must name it. */
    private static boolean needed(Field field) {
        return field.presence() == Field.Presence.REQUIRED
                || field.presence() == Field.Presence.DEFAULT && field.type() instanceof FieldType.Group g
                        && g.fields().stream().anyMatch(ConfigSchema::needed);
    }

    private static ObjectNode field(Field field) {
        ObjectNode out = JSON.objectNode();
        out.put("description", field.doc() + (field.unit().isEmpty() ? "" : " Unit: " + field.unit() + "."));
        // Null means "left out" to the loader; a required key must have a value.
        boolean nullable = field.presence() != Field.Presence.REQUIRED && !needed(field);
        switch (field.type()) {
            case FieldType.Whole w -> {
                type(out, "integer", nullable);
                out.put("minimum", w.range().min());
                out.put("maximum", w.range().max());
            }
            case FieldType.Flag f -> type(out, "boolean", nullable);
            case FieldType.Name n -> {
                type(out, "string", nullable);
                out.put("minLength", 1);
                out.put("maxLength", 64);
                out.put("pattern", "^\\S(.*\\S)?$");
            }
            case FieldType.Choice c -> {
                ArrayNode values = out.putArray("enum");
                c.values().forEach(values::add);
                if (nullable) {
                    values.addNull();
                }
            }
            case FieldType.FilePath p -> {
                type(out, "string", nullable);
                out.put("minLength", 1);
            }
            case FieldType.Words w -> {
                type(out, "array", nullable);
                out.putObject("items").put("type", "string").put("minLength", 1);
                out.put("minItems", 1);
                out.put("maxItems", w.maxItems());
            }
            case FieldType.Group g -> group(out, g, nullable);
            case FieldType.Variants v -> {
                type(out, "object", nullable);
                ArrayNode oneOf = out.putArray("oneOf");
                for (FieldType.Variant variant : v.variants()) {
                    ObjectNode branch = oneOf.addObject();
                    branch.put("description", variant.doc());
                    group(branch, v.group(variant), false);
                    branch.remove("type");
                    ((ObjectNode) branch.get("properties")).putObject(FieldType.Variants.KIND).put("const", variant.kind());
                }
            }
        }
        if (field.defaultValue() != null && !(field.type() instanceof FieldType.Group)) {
            out.set("default", new ObjectMapper().valueToTree(field.defaultValue()));
        }
        return out;
    }

    private static void type(ObjectNode out, String type, boolean nullable) {
        if (nullable) {
            out.set("type", JSON.arrayNode().add(type).add("null"));
        } else {
            out.put("type", type);
        }
    }
}
