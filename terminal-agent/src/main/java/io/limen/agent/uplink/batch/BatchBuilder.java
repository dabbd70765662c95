package io.limen.agent.uplink.batch;

import io.limen.agent.scanlog.ScanRecord;
import io.limen.config.BatchConfig;
import java.time.Duration;
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
 *
 * <p>A batch's age counts from its oldest record's decision, not from when the batch was opened: rows
 * that waited out a broker outage in the outbox close their batch as soon as they are read again, instead
 * of waiting a whole {@code maxAge} more after every reconnect. The time a record has already waited is
 * taken once, when it joins, on the clock that stamped its {@code decidedAt} (the wall clock), and from
 * then on the age runs on {@code now}, the uplink's clock that never steps. A {@code decidedAt} ahead of
 * the wall clock (the clock was stepped back since) counts as not having waited at all, so a batch never
 * waits longer than {@code maxAge} after its first record joined; a wall clock stepped forward between a
 * decision and the join closes that one batch early, never later.
 */
public final class BatchBuilder {

    private final BatchPolicy policy;
    private final String terminal;
    private final String site;
    private final Supplier<UUID> ids;
    private final List<BatchRecord> open = new ArrayList<>();
    /** When the oldest record was decided, on the uplink's clock ({@code now}); null while no batch is open. */
    private Instant oldest;
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
     * Adds a row whose {@code decidedAt} is on the same clock as {@code now} (one clock for both: tools and
     * tests); see {@link #add(ScanRecord, Instant, Instant)}.
     */
    public Optional<BatchDocument> add(ScanRecord record, Instant now) {
        return add(record, now, now);
    }

    /**
     * Adds a row; returns the batch it filled, if it did.
     *
     * @param now     the uplink's clock, on which the batch's age runs
     * @param wallNow the wall clock now, the clock that stamped {@code record}'s {@code decidedAt}: the record
     *                has waited {@code wallNow - decidedAt} before joining (nothing if that is negative)
     * @throws IllegalArgumentException if {@code record} does not follow the last one added (sequence order)
     */
    public Optional<BatchDocument> add(ScanRecord record, Instant now, Instant wallNow) {
        if (record.sequence() <= lastSequence) {
            throw new IllegalArgumentException("records must be added in increasing sequence order, but "
                    + record.sequence() + " followed " + lastSequence);
        }
        lastSequence = record.sequence();
        Duration waited = Duration.between(record.scan().decidedAt(), wallNow);
        Instant decided = waited.isNegative() ? now : now.minus(waited);
        if (oldest == null || decided.isBefore(oldest)) {
            oldest = decided;
        }
        open.add(BatchRecord.of(record));
        return policy.full(open.size()) ? Optional.of(close(now)) : Optional.empty();
    }

    /** Closes the open batch if its oldest record has waited long enough at {@code now}. */
    public Optional<BatchDocument> poll(Instant now) {
        return policy.due(open.size(), oldest, now) ? Optional.of(close(now)) : Optional.empty();
    }

    /** When the open batch closes by age (its oldest record's decision plus {@code maxAge}); empty while no batch is open. */
    public Optional<Instant> closesAt() {
        return open.isEmpty() ? Optional.empty() : Optional.of(policy.closesAt(oldest));
    }

    /** When the open batch's oldest record was decided, on the uplink's clock; empty while no batch is open. */
    public Optional<Instant> oldest() {
        return Optional.ofNullable(oldest);
    }

    /** Records in the open batch. */
    public int size() {
        return open.size();
    }

    private BatchDocument close(Instant now) {
        BatchDocument batch = new BatchDocument(BatchDocument.SCHEMA_VERSION, ids.get().toString(), terminal, site,
                open.getFirst().sequence(), open.getLast().sequence(), now.toString(), open);
        open.clear();
        oldest = null;
        return batch;
    }
}
