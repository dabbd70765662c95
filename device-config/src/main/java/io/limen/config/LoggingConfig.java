package io.limen.config;

/**
 * What the agent logs.
 *
 * @param level the least severe level written; {@link LogLevel#INFO} prints one counter line a minute
 *              and every warning, {@link LogLevel#DEBUG} adds a line per decision
 */
public record LoggingConfig(LogLevel level) {

    public static final LoggingConfig DEFAULTS = new LoggingConfig(LogLevel.INFO);

    public LoggingConfig {
        Checks.present("logging.level", level);
    }
}
