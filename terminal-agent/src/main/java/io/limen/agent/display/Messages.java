package io.limen.agent.display;

import io.limen.agent.policy.Decision;
import io.limen.format.Reason;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
}
