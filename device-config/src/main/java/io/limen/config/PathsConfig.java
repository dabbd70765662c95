package io.limen.config;

import java.nio.file.Path;

/**
 * Where the agent keeps its files.
 *
 * @param state the folder of the agent's state: the scan log, the lists it has synced (SQLite files);
 *              on a terminal {@code /var/lib/limen}, which the Debian package creates
 * @param logs  the folder of the agent's own log files when it does not log to the journal; on a
 *              terminal {@code /var/log/limen}
 */
public record PathsConfig(Path state, Path logs) {

    public static final PathsConfig DEFAULTS = new PathsConfig(Path.of("/var/lib/limen"), Path.of("/var/log/limen"));

    public PathsConfig {
        Checks.present("paths.state", state);
        Checks.present("paths.logs", logs);
    }
}
