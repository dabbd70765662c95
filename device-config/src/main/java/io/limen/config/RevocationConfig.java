package io.limen.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The revocation list.
 *
 * @param database    the SQLite revocation store; empty for a terminal that has none yet (nothing revoked)
 * @param busyTimeout how long a reader waits for the list writer before failing, 0..60 s
 */
public record RevocationConfig(Optional<Path> database, Duration busyTimeout) {

    /** {@link #busyTimeout} in milliseconds: 0..60 s. */
    public static final Range BUSY_TIMEOUT_MS = new Range(0, 60_000);
    public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(5);
    public static final RevocationConfig NONE = new RevocationConfig(Optional.empty(), DEFAULT_BUSY_TIMEOUT);

    public RevocationConfig {
        Checks.present("revocation.database", database);
        Checks.within("revocation.busyTimeout", busyTimeout, BUSY_TIMEOUT_MS);
    }

    public static RevocationConfig at(Path database) {
        return new RevocationConfig(Optional.of(database), DEFAULT_BUSY_TIMEOUT);
    }
}
