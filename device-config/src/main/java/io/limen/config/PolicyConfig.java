package io.limen.config;

import java.time.Duration;
import java.util.Optional;

/**
 * What this entrance asks of a credential beyond its signature and zone: dynamic codes, and when it is
 * open. The config describes the zone of {@code terminal.zone}; every terminal of a zone carries the
 * same section.
 *
 * @param presentationWindow how far a dynamic code's {@code t} may be from the terminal's clock, either
 *                           way, 1 s..10 min; the one place this limit is written
 * @param dynamicCodesOnly   whether static credentials ({@code LP1:}) are refused here
 *                           ({@code static_not_allowed}): a holder must show a fresh dynamic code
 * @param schedule           when the entrance admits anyone; empty for always
 */
public record PolicyConfig(Duration presentationWindow, boolean dynamicCodesOnly, Optional<Schedule> schedule) {

    /** {@link #presentationWindow} in milliseconds: 1 s..10 min. */
    public static final Range PRESENTATION_WINDOW_MS = new Range(1_000, 600_000);
    public static final Duration DEFAULT_PRESENTATION_WINDOW = Duration.ofSeconds(30);
    /** Static codes welcome, the default window, always open. */
    public static final PolicyConfig DEFAULTS = new PolicyConfig(DEFAULT_PRESENTATION_WINDOW, false, Optional.empty());

    public PolicyConfig {
        Checks.within("policy.presentationWindow", presentationWindow, PRESENTATION_WINDOW_MS);
        Checks.present("policy.schedule", schedule);
    }
}
