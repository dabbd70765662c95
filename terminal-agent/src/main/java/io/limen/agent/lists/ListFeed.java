package io.limen.agent.lists;

import io.limen.format.lists.ListDocument;
import io.limen.format.lists.ListDocuments;
import io.limen.format.lists.ListHeader;
import io.limen.format.lists.ListProblem;
import io.limen.format.lists.ListResult;
import io.limen.format.lists.ListTopics;
import io.limen.format.lists.SnapshotId;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * List documents as they arrive over MQTT (docs/lists.md, "Over MQTT"): retained messages that come
 * again after every reconnect, and the chunks of a snapshot in whatever order the broker keeps them.
 * Each message is verified, and
 * <ul>
 *   <li>a version the terminal holds already (a retained message seen again) is passed over quietly;</li>
 *   <li>a chunk of the newest snapshot seen is handed on in chunk order: the next one at once (it is staged
 *       in the store, not in memory), one ahead of its turn held in memory until its turn, at most
 *       {@link #MAX_HELD_BYTES} in all (past it: {@code too_large}, that snapshot is dropped);</li>
 *   <li>a snapshot of more than {@link #MAX_SNAPSHOT_CHUNKS} chunks is refused ({@code too_large}) before
 *       anything is staged;</li>
 *   <li>a chunk of the same version but another snapshot id or count is {@code foreign_chunk}; a snapshot
 *       left incomplete when a newer one begins is {@code truncated};</li>
 *   <li>everything else goes to {@link ListImport} like an imported file, with its refusal codes.</li>
 * </ul>
 * The lists held stay in force whatever is refused. Called by the list-sync thread only (not thread-safe).
 */
public final class ListFeed {

    /** The most chunks a snapshot over MQTT may claim ({@link ListTopics#MAX_SNAPSHOT_CHUNKS}). */
    public static final int MAX_SNAPSHOT_CHUNKS = ListTopics.MAX_SNAPSHOT_CHUNKS;
    /** The most bytes of chunks held in memory until their turn: four chunks of the largest size. */
    public static final long MAX_HELD_BYTES = 4L * ListDocuments.MAX_BYTES;

    /** How long a snapshot may wait for its next chunk by default: {@code lists.snapshotTimeoutMs}'s default. */
    public static final Duration DEFAULT_SNAPSHOT_TIMEOUT = Duration.ofMinutes(5);

    private final ListImport imports;
    private final LongSupplier heldRevocations;
    private final LongSupplier heldTrust;
    private final long maxHeldBytes;
    /** The monotonic clock the snapshot timeout is measured on, in nanoseconds (the scheduler's: the wall clock may step). */
    private final LongSupplier nanos;
    private final Duration snapshotTimeout;

    /** The snapshot being assembled, or null. */
    private Target target;
    /** A snapshot one of whose chunks was refused: its other chunks are passed over, said once. */
    private Target refused;

    private record Key(long version, SnapshotId id, int count) {
        static Key of(ListHeader h) {
            ListHeader.Chunk c = h.chunk().orElseThrow();
            return new Key(h.version(), c.snapshotId(), c.count());
        }

        String describe() {
            return "snapshot version " + version + " (" + count + " chunks, id " + id + ")";
        }
    }

    private static final class Target {
        final Key key;
        int next;
        final TreeMap<Integer, byte[]> early = new TreeMap<>();
        long earlyBytes;
        /** When a chunk of it last arrived (its first, or one handed on or held back), on {@link #nanos}. */
        long lastChunkNanos;

        Target(Key key, long now) {
            this.key = key;
            this.lastChunkNanos = now;
        }
    }

    /**
     * @param heldRevocations the revocation list version the terminal holds now
     * @param heldTrust       the trust list version it holds now (0: none signed)
     */
    public ListFeed(ListImport imports, LongSupplier heldRevocations, LongSupplier heldTrust) {
        this(imports, heldRevocations, heldTrust, MAX_HELD_BYTES);
    }

    /**
     * The same with a snapshot timeout: a snapshot whose next chunk has not come {@code snapshotTimeout}
     * after the last one is dropped at the next {@link #expire} ({@code snapshot_timeout}).
     *
     * @param nanos a monotonic clock in nanoseconds (the terminal's scheduler)
     */
    public ListFeed(ListImport imports, LongSupplier heldRevocations, LongSupplier heldTrust, LongSupplier nanos, Duration snapshotTimeout) {
        this(imports, heldRevocations, heldTrust, MAX_HELD_BYTES, nanos, snapshotTimeout);
    }

    /** The same with another cap on the chunks held back, in bytes (tests reach it with small chunks). */
    ListFeed(ListImport imports, LongSupplier heldRevocations, LongSupplier heldTrust, long maxHeldBytes) {
        this(imports, heldRevocations, heldTrust, maxHeldBytes, System::nanoTime, DEFAULT_SNAPSHOT_TIMEOUT);
    }

    ListFeed(ListImport imports, LongSupplier heldRevocations, LongSupplier heldTrust, long maxHeldBytes, LongSupplier nanos,
             Duration snapshotTimeout) {
        this.nanos = Objects.requireNonNull(nanos, "nanos must not be null");
        this.snapshotTimeout = Objects.requireNonNull(snapshotTimeout, "snapshotTimeout must not be null");
        if (snapshotTimeout.isNegative() || snapshotTimeout.isZero()) {
            throw new IllegalArgumentException("snapshotTimeout must be positive, but was " + snapshotTimeout);
        }
        this.maxHeldBytes = maxHeldBytes;
        this.imports = Objects.requireNonNull(imports, "imports must not be null");
        this.heldRevocations = Objects.requireNonNull(heldRevocations, "heldRevocations must not be null");
        this.heldTrust = Objects.requireNonNull(heldTrust, "heldTrust must not be null");
    }

    /**
     * What became of the message {@code payload} on {@code topic}, judged at {@code trustedNow}: no
     * outcome for one passed over (an empty payload clears a retained topic; a version held already),
     * several when it let chunks held back take their turn.
     *
     * @throws IOException if the trust file cannot be written
     */
    public List<ListOutcome> accept(String topic, byte[] payload, Instant trustedNow) throws IOException {
        Objects.requireNonNull(topic, "topic must not be null");
        Objects.requireNonNull(payload, "payload must not be null");
        List<ListOutcome> outcomes = new ArrayList<>();
        if (payload.length == 0) {
            return outcomes;
        }
        if (payload.length > ListDocuments.MAX_BYTES) {
            outcomes.add(new ListOutcome.Refused(ListProblem.TOO_LARGE, "a list document may have at most " + ListDocuments.MAX_BYTES
                    + " bytes, but the message on " + topic + " has " + payload.length));
            return outcomes;
        }
        ListDocument document;
        switch (ListDocuments.read(payload, imports.signers())) {
            case ListResult.Refused r -> {
                outcomes.add(new ListOutcome.Refused(r.problem(), r.detail() + " (message on " + topic + ")"));
                return outcomes;
            }
            case ListResult.Accepted a -> document = a.document();
        }
        ListHeader h = document.header();
        if (document instanceof ListDocument.Trust) {
            if (h.version() > heldTrust.getAsLong()) {
                outcomes.add(imports.importDocument(document, payload, trustedNow));
            }
            return outcomes;
        }
        if (h.version() <= heldRevocations.getAsLong()) {
            return outcomes;
        }
        if (h.chunk().isEmpty()) {
            outcomes.add(imports.importDocument(document, payload, trustedNow));
            return outcomes;
        }
        chunk(document, payload, trustedNow, outcomes);
        return outcomes;
    }

    private void chunk(ListDocument document, byte[] payload, Instant trustedNow, List<ListOutcome> outcomes) throws IOException {
        ListHeader h = document.header();
        ListHeader.Chunk c = h.chunk().orElseThrow();
        Key key = Key.of(h);
        if (c.count() > MAX_SNAPSHOT_CHUNKS) {
            outcomes.add(new ListOutcome.Refused(ListProblem.TOO_LARGE, "the " + key.describe() + " claims " + c.count()
                    + " chunks, but a snapshot over MQTT may have at most " + MAX_SNAPSHOT_CHUNKS + "; nothing of it is staged"));
            return;
        }
        if (refused != null && refused.key.equals(key)) {
            return;
        }
        if (target == null || h.version() > target.key.version) {
            if (target != null) {
                outcomes.add(new ListOutcome.Refused(ListProblem.TRUNCATED, "the " + target.key.describe() + " ended at "
                        + target.next + " of its chunks: a newer snapshot, version " + h.version() + ", began; dropped it"));
            }
            imports.finish();
            target = new Target(key, nanos.getAsLong());
        } else if (h.version() < target.key.version) {
            return;
        } else if (!target.key.equals(key)) {
            outcomes.add(new ListOutcome.Refused(ListProblem.FOREIGN_CHUNK, "chunk " + c.index() + " of the " + key.describe()
                    + " does not belong to the " + target.key.describe() + " being assembled"));
            return;
        }
        if (c.index() < target.next || target.early.containsKey(c.index())) {
            return; // a retained chunk seen again after a reconnect
        }
        target.lastChunkNanos = nanos.getAsLong();
        if (c.index() > target.next) {
            if (target.earlyBytes + payload.length > maxHeldBytes) {
                Target dropped = target;
                drop();
                outcomes.add(new ListOutcome.Refused(ListProblem.TOO_LARGE, "chunks of the " + dropped.key.describe()
                        + " ahead of chunk " + dropped.next + " would hold more than " + maxHeldBytes + " bytes in memory; dropped it"));
                return;
            }
            target.early.put(c.index(), payload);
            target.earlyBytes += payload.length;
            outcomes.add(new ListOutcome.Waiting("chunk " + c.index() + " of the " + key.describe() + ", held until chunk "
                    + target.next + " arrives"));
            return;
        }
        if (!hand(document, payload, trustedNow, outcomes)) {
            return;
        }
        while (target != null && target.early.containsKey(target.next)) {
            byte[] early = target.early.remove(target.next);
            target.earlyBytes -= early.length;
            ListDocument again = switch (ListDocuments.read(early, imports.signers())) {
                case ListResult.Accepted a -> a.document();
                case ListResult.Refused r -> throw new IllegalStateException("a chunk verified before does not now: " + r);
            };
            if (!hand(again, early, trustedNow, outcomes)) {
                return;
            }
        }
    }

    /** Hands the next chunk on; false if it was refused (then the snapshot is dropped and its other chunks passed over). */
    private boolean hand(ListDocument document, byte[] payload, Instant trustedNow, List<ListOutcome> outcomes) throws IOException {
        ListOutcome outcome = imports.importDocument(document, payload, trustedNow);
        outcomes.add(outcome);
        switch (outcome) {
            case ListOutcome.Applied applied -> target = null;
            case ListOutcome.Waiting waiting -> target.next++;
            case ListOutcome.Refused r -> {
                refused = target;
                drop();
                return false;
            }
        }
        return true;
    }

    private void drop() {
        target = null;
        imports.finish();
    }

    /**
     * Drops the snapshot being assembled if its next chunk has not come within the snapshot timeout
     * (a publisher or broker that stopped half-way): its staged chunks are discarded, the list held stays,
     * and its chunks are taken afresh when they come again (the retained set after a reconnect). Called
     * periodically (the terminal's list look, every 5 s); cheap when nothing is assembled.
     *
     * @return the {@code snapshot_timeout} refusal, if it dropped one
     */
    public java.util.Optional<ListOutcome.Refused> expire() {
        if (target == null) {
            return java.util.Optional.empty();
        }
        long waited = nanos.getAsLong() - target.lastChunkNanos;
        if (waited < snapshotTimeout.toNanos()) {
            return java.util.Optional.empty();
        }
        Target dropped = target;
        drop();
        return java.util.Optional.of(new ListOutcome.Refused(ListProblem.SNAPSHOT_TIMEOUT, "the " + dropped.key.describe()
                + " got no chunk for " + Duration.ofNanos(waited).toSeconds() + " s (lists.snapshotTimeoutMs: "
                + snapshotTimeout.toMillis() + "), waiting for chunk " + dropped.next + " with " + dropped.early.size()
                + " held back; dropped it, the held version " + heldRevocations.getAsLong() + " stays"));
    }

    /** The snapshot being assembled, for status: such as "snapshot version 7 (100 chunks, id …): 40 staged"; empty if none. */
    public java.util.Optional<String> assembling() {
        return target == null ? java.util.Optional.empty()
                : java.util.Optional.of(target.key.describe() + ": " + target.next + " staged, " + target.early.size() + " held back");
    }
}
