package io.limen.config;

import java.util.Locale;

/**
 * Which way a person goes through an entrance. Anti-passback is kept per direction (in twice without
 * going out is a passback; in then out is not), and a turnstile with two rotation sensors reports a
 * passage in each direction separately.
 */
public enum Direction {
    /** Into the zone the entrance guards: the way a scan at the entrance's camera lets people go. */
    ENTRY,
    /** Out of the zone: the way the request-to-exit button lets people go. */
    EXIT;

    /** The other way. */
    public Direction opposite() {
        return this == ENTRY ? EXIT : ENTRY;
    }

    /** The name a config file writes: {@code entry}, {@code exit}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
