package io.limen.agent.uplink.batch;

import io.limen.config.BatchConfig;
import java.time.Instant;
import java.util.Objects;

/**
 * When an open batch closes: at {@link BatchConfig#maxRecords} records, or once its oldest record has
 * waited {@link BatchConfig#maxAge}, whichever comes first. Pure: the caller passes {@code now}.
 */
public record BatchPolicy(BatchConfig config) {

    public BatchPolicy {
        Objects.requireNonNull(config, "config must not be null");
    }

    /** Whether {@code count} records fill a batch. */
    public boolean full(int count) {
        return count >= config.maxRecords();
    }

    /** When a batch whose oldest record joined at {@code oldestJoined} must close by age. */
    public Instant closesAt(Instant oldestJoined) {
        return oldestJoined.plus(config.maxAge());
    }

    /** Whether a batch of {@code count} records (≥ 1), the oldest joined at {@code oldestJoined}, closes at {@code now}. */
    public boolean due(int count, Instant oldestJoined, Instant now) {
        return count > 0 && (full(count) || !now.isBefore(closesAt(oldestJoined)));
    }
}
