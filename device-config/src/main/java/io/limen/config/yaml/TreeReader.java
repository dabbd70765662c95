package io.limen.config.yaml;

import io.limen.config.Checks;
import io.limen.config.Range;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads a composed YAML tree against the {@link ConfigModel} table: every key known, every value of its
 * type and range, every path as its rule wants. It never stops at the first problem: each one found is
 * recorded with the position of the node it is about, and reading goes on with the next key.
 */
final class TreeReader {

    private final Problems problems;
    private final PathChecks pathChecks;
    private final Values values = new Values();

    TreeReader(Problems problems, Path baseFolder) {
        this.problems = problems;
        this.pathChecks = new PathChecks(baseFolder);
    }

    Values read(Node root) {
        readGroup("", ConfigModel.ROOT, root, Position.START, null);
        return values;
    }

    /**
     * @param variants when the group is one variant of these, the other variants' keys are named as
     *                 such ("goes with kind v4l2") rather than as unknown
     */
    private void readGroup(String prefix, FieldType.Group group, Node node, Position where, FieldType.Variants variants) {
        Map<String, Node> given = new LinkedHashMap<>();
        if (node != null && !isNull(node)) {
            if (!(node instanceof MappingNode mapping)) {
                fail(node, prefix, describe(node) + " — must be a mapping of keys: " + keyList(group));
                return;
            }
            values.mapping(prefix, position(node));
            Map<String, Position> firstSeen = new HashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                Node keyNode = tuple.getKeyNode();
                if (!(keyNode instanceof ScalarNode scalarKey)) {
                    fail(keyNode, prefix, describe(keyNode) + " as a key — keys are names: " + keyList(group));
                    continue;
                }
                String key = scalarKey.getValue();
                String path = join(prefix, key);
                Position first = firstSeen.putIfAbsent(key, position(keyNode));
                if (first != null) {
                    fail(keyNode, path, "duplicate key (first at line " + first.line() + ") — give each key once");
                    continue;
                }
                if (find(group, key) == null) {
                    fail(keyNode, path, variants != null ? KeySuggestions.otherVariant(prefix, key, group, variants)
                            : KeySuggestions.unknownKey(prefix, key, group));
                    continue;
                }
                given.put(key, tuple.getValueNode());
            }
        }
        for (Field field : group.fields()) {
            String path = join(prefix, field.key());
            Node value = given.get(field.key());
            if (field.type() instanceof FieldType.Group inner) {
                if ((value == null || isNull(value)) && field.presence() == Field.Presence.OPTIONAL) {
                    continue; // absent as a whole: no region of interest
                }
                readGroup(path, inner, value, value != null ? position(value) : where, null);
            } else if (field.type() instanceof FieldType.Variants kinds) {
                readVariants(path, kinds, value, where);
            } else if (value == null || isNull(value)) {
                absent(path, field, value != null ? position(value) : where);
            } else {
                readValue(path, field, value);
            }
        }
    }

    /** A mapping whose {@code kind} says which keys it may have; without a valid kind, nothing else is read. */
    private void readVariants(String path, FieldType.Variants kinds, Node node, Position where) {
        String rule = " — must be a mapping with kind: " + String.join(", ", kinds.kinds());
        if (node == null || isNull(node)) {
            problems.add(node != null ? position(node) : where, path, "missing — required: a mapping with kind: "
                    + String.join(", ", kinds.kinds()));
            values.problemAt(path);
            return;
        }
        if (!(node instanceof MappingNode mapping)) {
            fail(node, path, describe(node) + rule);
            return;
        }
        Node kindNode = mapping.getValue().stream()
                .filter(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(FieldType.Variants.KIND))
                .map(NodeTuple::getValueNode).findFirst().orElse(null);
        String kindPath = join(path, FieldType.Variants.KIND);
        if (kindNode == null || isNull(kindNode)) {
            problems.add(position(node), kindPath, "missing — required: one of " + String.join(", ", kinds.kinds()));
            values.problemAt(kindPath);
            return;
        }
        FieldType.Variant variant = kindNode instanceof ScalarNode s ? kinds.variant(s.getValue()) : null;
        if (variant == null) {
            fail(kindNode, kindPath, describe(kindNode) + " — must be one of " + String.join(", ", kinds.kinds()));
            return;
        }
        readGroup(path, kinds.group(variant), node, position(node), kinds);
    }

    private void absent(String path, Field field, Position where) {
        switch (field.presence()) {
            case REQUIRED -> {
                problems.add(where, path, "missing — required: " + Describe.rule(field.type()));
                values.problemAt(path);
            }
            case DEFAULT -> {
                Object value = field.defaultValue();
                if (field.type() instanceof FieldType.FilePath p) {
                    value = checkPath(path, p.rule(), (String) value, where);
                    if (value == null) {
                        return;
                    }
                }
                values.put(path, value, null);
            }
            case OPTIONAL -> {
                // Absent is the answer: no zone, no revocation store, the profile's pin.
            }
        }
    }

    private void readValue(String path, Field field, Node node) {
        Object value = switch (field.type()) {
            case FieldType.Whole w -> whole(path, w.range(), node);
            case FieldType.Flag f -> flag(path, node);
            case FieldType.Name n -> name(path, node);
            case FieldType.Choice c -> choice(path, c, node);
            case FieldType.FilePath p -> node instanceof ScalarNode s && !s.getValue().isEmpty()
                    ? checkPath(path, p.rule(), s.getValue(), position(node))
                    : fail(node, path, describe(node) + " — must be a path to " + p.rule().rule());
            case FieldType.Words w -> words(path, w, node);
            case FieldType.Group g -> throw new IllegalStateException("groups are read by readGroup");
            case FieldType.Variants v -> throw new IllegalStateException("variants are read by readVariants");
        };
        if (value != null) {
            values.put(path, value, position(node));
        }
    }

    private Object whole(String path, Range range, Node node) {
        if (node instanceof ScalarNode s && Tag.INT.equals(s.getTag()) && s.getValue().matches("[-+]?[0-9]+")) {
            BigInteger number = new BigInteger(s.getValue());
            if (number.compareTo(BigInteger.valueOf(range.min())) >= 0 && number.compareTo(BigInteger.valueOf(range.max())) <= 0) {
                return number.longValue();
            }
            return fail(node, path, s.getValue() + " — " + range.rule());
        }
        return fail(node, path, describe(node) + " — must be a whole number between " + range.min() + " and " + range.max());
    }

    private Object flag(String path, Node node) {
        if (node instanceof ScalarNode s && Tag.BOOL.equals(s.getTag())) {
            return Boolean.parseBoolean(s.getValue().toLowerCase(java.util.Locale.ROOT));
        }
        return fail(node, path, describe(node) + " — must be true or false");
    }

    private Object name(String path, Node node) {
        if (node instanceof ScalarNode s && Checks.isName(s.getValue())) {
            return s.getValue();
        }
        return fail(node, path, describe(node) + " — " + Checks.NAME_RULE);
    }

    private Object choice(String path, FieldType.Choice choice, Node node) {
        if (node instanceof ScalarNode s && choice.values().contains(s.getValue())) {
            return s.getValue();
        }
        return fail(node, path, describe(node) + " — must be one of " + String.join(", ", choice.values()));
    }

    private Object words(String path, FieldType.Words type, Node node) {
        String rule = " — must be a list of 1 to " + type.maxItems() + " non-empty texts";
        if (!(node instanceof SequenceNode list) || list.getValue().isEmpty() || list.getValue().size() > type.maxItems()) {
            return fail(node, path, describe(node) + rule);
        }
        List<String> words = new ArrayList<>();
        for (Node item : list.getValue()) {
            if (!(item instanceof ScalarNode s) || s.getValue().isEmpty() || isNull(item)) {
                return fail(item, path, describe(item) + " in the list" + rule);
            }
            words.add(s.getValue());
        }
        return List.copyOf(words);
    }

    private Path checkPath(String path, PathRule rule, String text, Position where) {
        String problem = pathChecks.problem(rule, text);
        if (problem != null) {
            problems.add(where, path, problem);
            values.problemAt(path);
            return null;
        }
        return pathChecks.resolve(text);
    }

    private Object fail(Node node, String path, String message) {
        problems.add(position(node), path, message);
        values.problemAt(path);
        return null;
    }

    private static Field find(FieldType.Group group, String key) {
        return group.fields().stream().filter(f -> f.key().equals(key)).findFirst().orElse(null);
    }

    private static String keyList(FieldType.Group group) {
        return String.join(", ", group.fields().stream().map(Field::key).toList());
    }

    static String join(String prefix, String key) {
        return prefix.isEmpty() ? key : prefix + "." + key;
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
    }

    static Position position(Node node) {
        return node.getStartMark().map(m -> new Position(m.getLine() + 1, m.getColumn() + 1)).orElse(Position.START);
    }

    /** A node as a problem message shows it: the scalar as written (quoted if text), or what kind of node. */
    static String describe(Node node) {
        return switch (node) {
            case ScalarNode s when Tag.STR.equals(s.getTag()) -> "\"" + Describe.shorten(s.getValue()) + "\"";
            case ScalarNode s -> Describe.shorten(s.getValue());
            case SequenceNode l -> "a list";
            case MappingNode m -> "a mapping";
            default -> "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
