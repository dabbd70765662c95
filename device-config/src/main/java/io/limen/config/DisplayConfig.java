package io.limen.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The entrance display (YAML section {@code display}).
 *
 * @param language the language of the texts shown to the person at the entrance (headline and the
 *                 reason's text); a character LCD (HD44780) has no CJK glyphs in its ROM and shows
 *                 English whatever this says. The log and the scan log always use the reason codes.
 */
public record DisplayConfig(Language language) {

    public static final DisplayConfig DEFAULTS = new DisplayConfig(Language.EN);

    /** The languages the display's message bundles cover. */
    public enum Language {
        /** English. */
        EN,
        /** Simplified Chinese. */
        ZH;

        /** The name in the config file: the ISO 639-1 code, such as {@code zh}. */
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Language> fromConfigName(String name) {
            return Arrays.stream(values()).filter(l -> l.configName().equals(name)).findFirst();
        }
    }

    public DisplayConfig {
        Checks.present("display.language", language);
    }
}
