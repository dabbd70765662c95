package io.limen.agent.display;

import io.limen.config.DisplayConfig;

import java.util.Locale;

/** The language the entrance display speaks. */
public enum DisplayLanguage {
    ENGLISH(Locale.ENGLISH),
    CHINESE(Locale.SIMPLIFIED_CHINESE);

    private final Locale locale;

    DisplayLanguage(Locale locale) {
        this.locale = locale;
    }

    public Locale locale() {
        return locale;
    }

    /** The language {@code display.language} names. */
    public static DisplayLanguage of(DisplayConfig.Language language) {
        return switch (language) {
            case EN -> ENGLISH;
            case ZH -> CHINESE;
        };
    }

    /**
     * What a character LCD (HD44780, ROM A00: ASCII and katakana) can show of this language: English
     * for Chinese, which has no glyphs there (a graphic display shows the language itself).
     */
    public DisplayLanguage onCharacterLcd() {
        return ENGLISH;
    }
}
