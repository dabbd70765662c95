package io.limen.config;

import java.util.Locale;

/** The least severe log level the agent writes; SLF4J's levels, most severe first. */
public enum LogLevel {
    ERROR, WARN, INFO, DEBUG, TRACE;

    /** The name a config file writes: {@code error}, {@code warn}, {@code info}, {@code debug}, {@code trace}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
