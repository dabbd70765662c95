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

    private static String normal(String key) {
        return key.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }
}
