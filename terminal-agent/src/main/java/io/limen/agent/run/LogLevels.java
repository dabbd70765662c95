package io.limen.agent.run;

import io.limen.config.LogLevel;

/**
 * Applies {@code logging.level} of the config to the agent's own loggers ({@code io.limen.*}).
 *
 * <p>slf4j-simple fixes a logger's level when the logger is created, reading the system property
 * {@code org.slf4j.simpleLogger.log.NAME} (before its properties file) for NAME and each parent
 * package. So the level applies to every agent logger created after this call: {@code run} calls it
 * right after loading the config, before it builds the terminal, whose classes create their loggers as
 * they load. A changed level in a reloaded config takes effect at the next start.
 */
public final class LogLevels {

    /** The prefix slf4j-simple reads per logger name (SimpleLogger.LOG_KEY_PREFIX). */
    static final String AGENT_LOGGERS = "org.slf4j.simpleLogger.log.io.limen";

    private LogLevels() {
    }

    public static void applyAtStart(LogLevel level) {
        System.setProperty(AGENT_LOGGERS, level.configName());
    }
}
