package io.limen.agent.display;

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
}
