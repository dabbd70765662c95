package io.limen.config.yaml;

import java.util.Locale;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * The message for an unknown key: the nearest known key of the same mapping when one is close ("did you
 * mean gate.pulseMs?"), a note for the sections a later version adds, otherwise the keys allowed there.
 * Keys are compared ignoring case, '_' and '-', so {@code pulse_ms} and {@code PulseMS} find {@code pulseMs}.
 */
final class KeySuggestions {

    private static final LevenshteinDistance DISTANCE = new LevenshteinDistance(3);

    private KeySuggestions() {
    }

    static String unknownKey(String prefix, String key, FieldType.Group group) {
        if (prefix.isEmpty() && ConfigModel.RESERVED_SECTIONS.contains(key)) {
            return "not supported by this version — a later version adds it; remove it for now";
        }
        String wanted = normal(key);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Field field : group.fields()) {
            int distance = DISTANCE.apply(wanted, normal(field.key()));
            // -1: further apart than the threshold. A short key must be closer to count as a typo of another.
            if (distance >= 0 && distance <= Math.max(1, wanted.length() / 3) && distance < bestDistance) {
                best = field.key();
                bestDistance = distance;
            }
        }
        if (best != null) {
            return "unknown key — did you mean " + TreeReader.join(prefix, best) + "?";
        }
        String where = prefix.isEmpty() ? "at the top" : "in " + prefix;
        return "unknown key — known keys " + where + ": "
                + String.join(", ", group.fields().stream().map(Field::key).toList());
    }

    /** An unknown key in one variant: named as another kind's key when it is one, else as {@link #unknownKey}. */
    static String otherVariant(String prefix, String key, FieldType.Group group, FieldType.Variants variants) {
        String kind = (String) null;
        for (FieldType.Variant v : variants.variants()) {
            if (v.fields().stream().anyMatch(f -> f.key().equals(key))) {
                kind = kind == null ? v.kind() : kind + " or " + v.kind();
            }
        }
        if (kind == null) {
            return unknownKey(prefix, key, group);
        }
        String known = String.join(", ", group.fields().stream().map(Field::key).toList());
        return "not a key of this kind — " + key + " goes with kind " + kind + "; this kind has: " + known;
    }

    private static String normal(String key) {
        return key.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }
}
