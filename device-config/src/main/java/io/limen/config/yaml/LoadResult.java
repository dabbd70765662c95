package io.limen.config.yaml;

import io.limen.config.AgentConfig;
import java.util.List;
import java.util.Objects;

/** What loading a config file gave: a valid configuration, or every problem found in it. */
public sealed interface LoadResult {

    /**
     * A valid file.
     *
     * @param config    the configuration, paths resolved against the file's folder
     * @param effective the configuration as YAML, every default filled in and secrets masked: what
     *                  {@code config check} prints and {@code run} logs once at start
     */
    record Loaded(AgentConfig config, String effective) implements LoadResult {
        public Loaded {
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(effective, "effective");
        }
    }

    /**
     * A file that cannot be used, with every problem found, in file order.
     *
     * @param problems at least one
     */
    record Invalid(List<ConfigProblem> problems) implements LoadResult {
        public Invalid {
            problems = List.copyOf(problems);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("an invalid config has at least one problem");
            }
        }
    }
}
