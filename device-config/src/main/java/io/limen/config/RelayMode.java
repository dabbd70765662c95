package io.limen.config;

import java.util.Locale;

/** How long a grant releases the lock. */
public enum RelayMode {
    /** Released for the grant pulse ({@code gate.pulseMs}), then locked again, passage or not. */
    PULSE,
    /**
     * Released until the passage is confirmed (passage sensor or door contact) or the passage timeout
     * runs out; needs a passage sensor or door contact to know when to lock again.
     */
    LATCH;

    /** The name a config file writes: {@code pulse}, {@code latch}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
