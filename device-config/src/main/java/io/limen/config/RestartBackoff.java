package io.limen.config;

import java.time.Duration;

/**
 * How a camera process is restarted after it exits or stalls: the n-th restart in a row waits a random
 * time between zero and {@code min(max, initial × 2^(n-1))} ("full jitter": terminals that lost their
 * cameras together do not retry in step). The count starts again once frames have flowed for
 * {@code resetAfter}, so a camera that fails once a day restarts at once, and one that fails at every
 * start backs off to {@code max}.
 *
 * @param initial    the first restart's upper bound, 10 ms..60 s
 * @param max        the cap, initial..10 min
 * @param resetAfter how long frames must flow before the count starts again, 0..10 min
 */
public record RestartBackoff(Duration initial, Duration max, Duration resetAfter) {

    /** {@link #initial} in milliseconds: 10 ms..60 s. */
    public static final Range INITIAL_MS = new Range(10, 60_000);
    /** {@link #max} in milliseconds: at most 10 min, and at least {@link #initial}. */
    public static final Range MAX_MS = new Range(INITIAL_MS.min(), 600_000);
    /** {@link #resetAfter} in milliseconds: 0..10 min. */
    public static final Range RESET_AFTER_MS = new Range(0, 600_000);

    public static final RestartBackoff DEFAULTS =
            new RestartBackoff(Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(10));

    public RestartBackoff {
        Checks.within("camera.restartBackoff.initial", initial, INITIAL_MS);
        Checks.within("camera.restartBackoff.max", max, initial, Duration.ofMillis(MAX_MS.max()));
        Checks.within("camera.restartBackoff.resetAfter", resetAfter, RESET_AFTER_MS);
    }
}
