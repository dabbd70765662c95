package io.limen.agent.uplink.batch;

import io.limen.config.BatchConfig;
import java.time.Instant;
import java.util.Objects;

/**
 * When an open batch closes: at {@link BatchConfig#maxRecords} records, or once its oldest record has
 * waited {@link BatchConfig#maxAge} since its decision, whichever comes first. Pure: the caller passes {@code now}.
 */
public record BatchPolicy(BatchConfig config) {

    public BatchPolicy {
        Objects.requireNonNull(config, "config must not be null");
    }

    /** Whether {@code count} records fill a batch. */
    public boolean full(int count) {
        return count >= config.maxRecords();
    }

    /** When a batch whose oldest record was decided at {@code oldest} must close by age. */
    public Instant closesAt(Instant oldest) {
        return oldest.plus(config.maxAge());
    }

    /** Whether a batch of {@code count} records (≥ 1), the oldest decided at {@code oldest}, closes at {@code now}. */
    public boolean due(int count, Instant oldest, Instant now) {
        return count > 0 && (full(count) || !now.isBefore(closesAt(oldest)));
    }
}
