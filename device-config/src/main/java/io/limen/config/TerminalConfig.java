package io.limen.config;

import java.util.Optional;

/**
 * Which terminal this is and which entrance it guards.
 *
 * @param site the building or campus, as the fleet names it (1–64 characters)
 * @param id   this terminal within its site (1–64 characters)
 * @param zone the zone this entrance admits to; empty for an entrance that admits any credential's zone
 */
public record TerminalConfig(String site, String id, Optional<String> zone) {

    public static final String DEFAULT_SITE = "local";
    public static final String DEFAULT_ID = "terminal";

    public TerminalConfig {
        Checks.name("terminal.site", site);
        Checks.name("terminal.id", id);
        Checks.present("terminal.zone", zone).ifPresent(z -> Checks.name("terminal.zone", z));
    }

    /** The default site and id, guarding {@code zone}. */
    public static TerminalConfig ofZone(Optional<String> zone) {
        return new TerminalConfig(DEFAULT_SITE, DEFAULT_ID, zone);
    }
}
