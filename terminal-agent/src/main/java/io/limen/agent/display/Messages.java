package io.limen.agent.display;

import io.limen.agent.policy.Decision;
import io.limen.format.Reason;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ResourceBundle;

/**
 * What the display says, from the decision's reason code, in the configured language: two lines, a
 * headline ("Welcome" / "Refused") and the reason's text, or the holder's display name on a grant when
 * the credential carries one. The texts are resource bundles ({@code messages.properties},
 * {@code messages_zh.properties}, UTF-8) keyed by the stable reason code, so a translator edits text,
 * never code. Every code has a text in every language (pinned by {@code MessagesTest}).
 */
public final class Messages {

    private static final String BUNDLE = "io.limen.agent.display.messages";
    private static final Map<DisplayLanguage, ResourceBundle> BUNDLES = new EnumMap<>(DisplayLanguage.class);

    static {
        for (DisplayLanguage language : DisplayLanguage.values()) {
            // No fallback to the JVM's default locale: the config picks the language, not the machine.
            BUNDLES.put(language, ResourceBundle.getBundle(BUNDLE, language.locale(),
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)));
        }
    }

    private final ResourceBundle bundle;

    public Messages(DisplayLanguage language) {
        this.bundle = BUNDLES.get(Objects.requireNonNull(language, "language must not be null"));
    }

    /** Every text of the language's bundle, in key order: what a font must have glyphs for. */
    public List<String> texts() {
        return bundle.keySet().stream().sorted().map(bundle::getString).toList();
    }

    /** The text of one reason code, e.g. "Pass expired" / "通行证已过期". */
    public String text(Reason reason) {
        return bundle.getString(reason.code());
    }

    /** The two lines for a decision: headline, then the holder's name (a grant that has one) or the reason's text. */
    public List<String> lines(Decision decision) {
        return switch (decision) {
            case Decision.Granted g -> List.of(bundle.getString("headline.granted"),
                    g.holder().claims().displayName().orElse(text(Reason.OK)));
            case Decision.Denied d -> List.of(bundle.getString("headline.denied"), text(d.reason()));
        };
    }

    /**
     * The lines for a screen of {@code rows} rows (2: a 16×2 LCD; 4: a 20×4 LCD or the OLED), top first,
     * each to be cut to the screen's width by the display.
     *
     * <pre>
     *   rows  grant                                   grant with warnings        denial
     *   2     headline, name or "Please pass"         headline, warning          headline, reason's text
     *   4     headline, name, "Please pass", ""       ... , warning (last row)   headline, reason's text, "", ""
     * </pre>
     *
     * A grant without a name shows "Please pass" on the second row. The warning line names what the grant
     * was made despite ({@link Decision.Granted#warnings}): on a 2-row screen it takes the second row,
     * since staff must see it and the person is admitted either way.
     *
     * @throws IllegalArgumentException if rows is not 2 or 4
     */
    public List<String> lines(Decision decision, int rows) {
        if (rows != 2 && rows != 4) {
            throw new IllegalArgumentException("a display shows 2 or 4 rows, but was " + rows);
        }
        List<String> two = lines(decision);
        Optional<String> warning = decision instanceof Decision.Granted g ? warning(g.warnings()) : Optional.empty();
        if (rows == 2) {
            return warning.map(w -> List.of(two.get(0), w)).orElse(two);
        }
        String third = decision instanceof Decision.Granted g && g.holder().claims().displayName().isPresent() ? text(Reason.OK) : "";
        return List.of(two.get(0), two.get(1), third, warning.orElse(""));
    }

    /** The warning line for what a grant was made despite: one of the two, or both; empty for none. */
    public Optional<String> warning(List<Reason> warnings) {
        boolean stale = warnings.contains(Reason.LISTS_STALE);
        boolean clock = warnings.contains(Reason.CLOCK_UNSYNCED);
        if (stale && clock) {
            return Optional.of(bundle.getString("warning.both"));
        }
        return stale ? Optional.of(bundle.getString("warning.lists_stale"))
                : clock ? Optional.of(bundle.getString("warning.clock_unsynced")) : Optional.empty();
    }
}
