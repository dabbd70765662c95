package io.limen.config;

import java.util.Locale;

/**
 * Which state the entrance's lock takes without power or without the agent: a property of the lock
 * hardware and of the building's fire code, chosen per entrance.
 */
public enum LockFailMode {
    /**
     * Unpowered is locked (an electric strike, a turnstile solenoid): the relay is energised to release.
     * Without the agent the entrance stays shut.
     */
    FAIL_SECURE,
    /**
     * Unpowered is free (a magnetic lock): the relay is energised to lock. Without the agent the door
     * is free, as fire codes ask of escape routes.
     */
    FAIL_SAFE;

    /** The name a config file writes: {@code fail-secure}, {@code fail-safe}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether the relay is energised when the lock is to be released. */
    public boolean energiseToRelease() {
        return this == FAIL_SECURE;
    }
}
