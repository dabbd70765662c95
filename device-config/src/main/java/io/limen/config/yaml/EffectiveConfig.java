package io.limen.config.yaml;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * The effective configuration as YAML: every key of the model in its order, defaults filled in, paths
 * absolute, absent optional keys as {@code null}, secrets as {@value #MASK}. Loading it again gives the
 * same configuration.
 */
final class EffectiveConfig {

    static final String MASK = "<masked>";

    private EffectiveConfig() {
    }

    static String yaml(Values values) {
        return yaml(ConfigModel.ROOT, values);
    }

    /** The values of the keys {@code root} declares, as YAML. */
    static String yaml(FieldType.Group root, Values values) {
        DumpSettings settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build();
        return new Dump(settings).dumpToString(tree("", root, values));
    }

    private static Map<String, Object> tree(String prefix, FieldType.Group group, Values values) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Field field : group.fields()) {
            String path = TreeReader.join(prefix, field.key());
            if (field.type() instanceof FieldType.Group inner) {
                boolean absent = field.presence() == Field.Presence.OPTIONAL && values.position(path).isEmpty();
                out.put(field.key(), absent ? null : tree(path, inner, values));
            } else if (field.type() instanceof FieldType.Variants kinds) {
                FieldType.Variant variant = values.raw(TreeReader.join(path, FieldType.Variants.KIND))
                        .map(kind -> kinds.variant((String) kind)).orElseThrow();
                out.put(field.key(), tree(path, kinds.group(variant), values));
            } else {
                Object value = values.raw(path).orElse(null);
                out.put(field.key(), value instanceof Path p ? p.toString() : field.secret() && value != null ? MASK : value);
            }
        }
        return out;
    }
}
