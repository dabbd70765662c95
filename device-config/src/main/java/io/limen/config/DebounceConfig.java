package io.limen.config;

import java.time.Duration;

/**
 * When a code the camera keeps seeing is decided again. A code in view is decided once; the camera
 * sees it in every frame (30 a second) while the person holds it up, and each of those is not a new
 * scan. A different code is decided at once, whatever these say.
 *
 * @param absence how long a code must have been out of view before it counts as shown anew, 100 ms..60 s:
 *                longer than a few missed frames (a decoder misses about 2 in 100), shorter than a person
 *                stepping back and showing it again
 * @param hold    how long a code held in view without a break is decided again, 1 s..1 h: a person still
 *                standing at a closed gate gets a fresh answer
 */
public record DebounceConfig(Duration absence, Duration hold) {

    /** {@link #absence} in milliseconds: 100 ms..60 s. */
    public static final Range ABSENCE_MS = new Range(100, 60_000);
    /** {@link #hold} in milliseconds: 1 s..1 h. */
    public static final Range HOLD_MS = new Range(1_000, 3_600_000);

    public static final DebounceConfig DEFAULTS = new DebounceConfig(Duration.ofSeconds(1), Duration.ofSeconds(10));

    public DebounceConfig {
        Checks.within("debounce.absence", absence, ABSENCE_MS);
        Checks.within("debounce.hold", hold, HOLD_MS);
    }
}
