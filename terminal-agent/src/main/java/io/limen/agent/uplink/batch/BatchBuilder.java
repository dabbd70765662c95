package io.limen.agent.uplink.batch;

import io.limen.agent.scanlog.ScanRecord;
import io.limen.config.BatchConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Gathers outbox rows into batches as {@link BatchPolicy} says. Not thread-safe and starts no threads:
 * the uplink's one thread adds what {@code Outbox.unsent} returns and polls at {@link #closesAt()}.
 * {@code now} is the uplink's clock; the age of a record is counted from when it joined, not from its
 * {@code decidedAt} (the terminal's wall clock may have stepped since).
 */
public final class BatchBuilder {

    private final BatchPolicy policy;
    private final String terminal;
    private final String site;
    private final Supplier<UUID> ids;
    private final List<BatchRecord> open = new ArrayList<>();
    private Instant oldestJoined;
    private long lastSequence;

    /**
     * @param ids the batch ids, {@code UUID::randomUUID} in production
     */
    public BatchBuilder(BatchConfig config, String terminal, String site, Supplier<UUID> ids) {
        this.policy = new BatchPolicy(config);
        this.terminal = Objects.requireNonNull(terminal, "terminal must not be null");
        this.site = Objects.requireNonNull(site, "site must not be null");
        this.ids = Objects.requireNonNull(ids, "ids must not be null");
    }

    /**
     * Adds a row; returns the batch it filled, if it did.
     *
     * @throws IllegalArgumentException if {@code record} does not follow the last one added (sequence order)
     */
    public Optional<BatchDocument> add(ScanRecord record, Instant now) {
        if (record.sequence() <= lastSequence) {
            throw new IllegalArgumentException("records must be added in increasing sequence order, but "
                    + record.sequence() + " followed " + lastSequence);
        }
        lastSequence = record.sequence();
        if (open.isEmpty()) {
            oldestJoined = now;
        }
        open.add(BatchRecord.of(record));
        return policy.full(open.size()) ? Optional.of(close(now)) : Optional.empty();
    }

    /** Closes the open batch if its oldest record has waited long enough at {@code now}. */
    public Optional<BatchDocument> poll(Instant now) {
        return policy.due(open.size(), oldestJoined, now) ? Optional.of(close(now)) : Optional.empty();
    }

    /** When the open batch closes by age; empty while no batch is open. */
    public Optional<Instant> closesAt() {
        return open.isEmpty() ? Optional.empty() : Optional.of(policy.closesAt(oldestJoined));
    }

    /** Records in the open batch. */
    public int size() {
        return open.size();
    }

    private BatchDocument close(Instant now) {
        BatchDocument batch = new BatchDocument(BatchDocument.SCHEMA_VERSION, ids.get().toString(), terminal, site,
                open.getFirst().sequence(), open.getLast().sequence(), now.toString(), open);
        open.clear();
        oldestJoined = null;
        return batch;
    }
}
