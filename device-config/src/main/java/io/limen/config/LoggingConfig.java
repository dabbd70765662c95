package io.limen.config;

/**
 * What the agent logs.
 *
 * @param level the least severe level the agent's own loggers write, applied when {@code run} starts (a
 *              reload keeps the level of the start); {@link LogLevel#INFO}: a line per decision (at most 20
 *              a second), a counter line a minute and every warning; {@link LogLevel#WARN}: warnings and
 *              errors only
 */
public record LoggingConfig(LogLevel level) {

    public static final LoggingConfig DEFAULTS = new LoggingConfig(LogLevel.INFO);

    public LoggingConfig {
        Checks.present("logging.level", level);
    }
}
