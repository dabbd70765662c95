package io.limen.agent.lists;

import io.limen.agent.revocation.FilteredRevocations;
import io.limen.agent.revocation.RevocationIndex;
import io.limen.format.lists.ListDocument;
import io.limen.format.lists.ListHeader;
import io.limen.format.lists.ListKind;
import io.limen.format.lists.ListProblem;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies verified revocation list documents to the terminal's {@link RevocationIndex}, by the version
 * rules of docs/lists.md, and hands each new version to {@code onApplied} (the terminal's list swap).
 *
 * <pre>
 * snapshot, version &gt; held            → replaces the list
 * delta, base = held, version &gt; base   → applied on top
 * version ≤ held                        → rollback (an old or replayed list)
 * delta, base ≠ held                    → gap: versions were missed, a snapshot is needed
 * issued more than 5 min after the trusted time → from_the_future
 *
 * chunked snapshot:   chunk 0 ──▶ chunk 1 ──▶ … ──▶ chunk n-1 ──▶ applied (one transaction)
 *                     (staged in the store; lookups answer from the held list meanwhile)
 *   a chunk of another version, id or count  → foreign_chunk (the assembly goes on)
 *   a chunk out of its place                 → chunk_out_of_order (the assembly waits for the right one)
 *   a new chunk 0, or {@link #finish} before the last chunk → the old assembly is dropped: truncated
 * </pre>
 *
 * One list-sync thread calls it; methods are synchronized so a second caller waits rather than interleaves.
 */
public final class RevocationUpdates {

    private static final Logger log = LoggerFactory.getLogger(RevocationUpdates.class);

    /** How far a list's issue time may be ahead of the trusted time: a publisher's clock is not ours. */
    public static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

    private final RevocationIndex index;
    private final Consumer<FilteredRevocations> onApplied;
    private Assembly assembly; // a chunked snapshot being staged, or null

    private record Assembly(long version, ListHeader.Chunk first, int next, int staged) {
        String describe() {
            return "snapshot version " + version + " (" + next + " of " + first.count() + " chunks, id " + first.snapshotId() + ")";
        }
    }

    public RevocationUpdates(RevocationIndex index, Consumer<FilteredRevocations> onApplied) {
        this.index = Objects.requireNonNull(index, "index must not be null");
        this.onApplied = Objects.requireNonNull(onApplied, "onApplied must not be null");
    }

    /** Applies {@code document} if the version rules allow, judged at {@code trustedNow}. */
    public synchronized ListOutcome apply(ListDocument.Revocations document, Instant trustedNow) {
        ListHeader h = document.header();
        if (!h.scope().equals(ListHeader.ANY_ISSUER)) {
            return refused(ListProblem.WRONG_SCOPE, "this terminal takes the fleet's revocation list (scope \"*\"), but this one's scope is \""
                    + h.scope() + "\"");
        }
        if (h.issuedAt().isAfter(trustedNow.plus(FUTURE_TOLERANCE))) {
            return refused(ListProblem.FROM_THE_FUTURE, "version " + h.version() + " was issued at " + h.issuedAt()
                    + ", more than " + FUTURE_TOLERANCE.toMinutes() + " min after the trusted time " + trustedNow);
        }
        long held = index.current().version();
        if (h.chunk().isPresent()) {
            return chunk(document, h.chunk().get(), held);
        }
        if (h.version() <= held) {
            return rollback(h, held);
        }
        if (h.isSnapshot()) {
            FilteredRevocations applied = index.replaceAll(h.version(), document.added(), trustedNow);
            return applied(applied, h.issuedAt(), "snapshot of " + applied.size() + " keys");
        }
        if (h.base().getAsLong() != held) {
            return refused(ListProblem.GAP, "a delta from version " + h.base().getAsLong() + " to " + h.version()
                    + ", but this terminal holds version " + held + ": it needs a snapshot");
        }
        FilteredRevocations applied = index.applyDelta(h.version(), document.added(), document.removed());
        return applied(applied, h.issuedAt(), "delta: " + document.added().size() + " added, " + document.removed().size()
                + " removed, " + applied.size() + " keys now");
    }

    private ListOutcome chunk(ListDocument.Revocations document, ListHeader.Chunk chunk, long held) {
        ListHeader h = document.header();
        if (chunk.index() == 0) {
            if (h.version() <= held) {
                return rollback(h, held);
            }
            if (assembly != null) {
                log.warn("Revocation list: dropped the incomplete {} for a new snapshot, version {}", assembly.describe(), h.version());
            }
            index.discardStaged();
            assembly = new Assembly(h.version(), chunk, 0, 0);
        } else if (assembly == null) {
            return refused(ListProblem.CHUNK_OUT_OF_ORDER, "chunk " + chunk.index() + " of " + chunk.count()
                    + " of snapshot version " + h.version() + ", but no snapshot is being assembled: chunk 0 comes first");
        } else if (assembly.version != h.version() || !assembly.first.snapshotId().equals(chunk.snapshotId())
                || assembly.first.count() != chunk.count()) {
            return refused(ListProblem.FOREIGN_CHUNK, "chunk " + chunk.index() + " of " + chunk.count() + " of snapshot version "
                    + h.version() + " (id " + chunk.snapshotId() + ") does not belong to the " + assembly.describe()
                    + " being assembled");
        } else if (chunk.index() != assembly.next) {
            return refused(ListProblem.CHUNK_OUT_OF_ORDER, "chunk " + chunk.index() + " of " + chunk.count()
                    + " where chunk " + assembly.next + " was expected, in the " + assembly.describe());
        }
        int fresh = index.stage(document.added());
        if (fresh != document.added().size()) {
            Assembly dropped = assembly;
            drop();
            return refused(ListProblem.DUPLICATE_ENTRY, (document.added().size() - fresh) + " keys of chunk " + chunk.index()
                    + " were already in an earlier chunk; dropped the " + dropped.describe());
        }
        assembly = new Assembly(assembly.version, assembly.first, assembly.next + 1, assembly.staged + fresh);
        if (assembly.next < chunk.count()) {
            return new ListOutcome.Waiting("chunk " + chunk.index() + " of " + chunk.count() + " of snapshot version "
                    + h.version() + " (" + assembly.staged + " keys so far)");
        }
        long version = assembly.version;
        int staged = assembly.staged;
        assembly = null;
        FilteredRevocations applied = index.replaceWithStaged(version, staged);
        return applied(applied, h.issuedAt(), "snapshot of " + applied.size() + " keys in " + chunk.count() + " chunks");
    }

    /**
     * The end of a batch (an import, a sync round): a snapshot still missing chunks is dropped, and
     * said so; the list held stays.
     */
    public synchronized Optional<ListOutcome.Refused> finish() {
        if (assembly == null) {
            return Optional.empty();
        }
        Assembly dropped = assembly;
        drop();
        return Optional.of(refused(ListProblem.TRUNCATED, "the " + dropped.describe() + " ended before its last chunk;"
                + " dropped it, the held version " + index.current().version() + " stays"));
    }

    private void drop() {
        assembly = null;
        index.discardStaged();
    }

    private ListOutcome applied(FilteredRevocations applied, Instant issuedAt, String detail) {
        index.recordIssuedAt(applied.version(), issuedAt);
        onApplied.accept(applied);
        log.info("Revocation list version {} applied: {}", applied.version(), detail);
        return new ListOutcome.Applied(ListKind.REVOCATIONS, applied.version(), detail);
    }

    private static ListOutcome.Refused rollback(ListHeader h, long held) {
        return refused(ListProblem.ROLLBACK, "version " + h.version() + " is not newer than the held version " + held);
    }

    private static ListOutcome.Refused refused(ListProblem problem, String detail) {
        log.warn("Revocation list refused ({}): {}", problem.code(), detail);
        return new ListOutcome.Refused(problem, detail);
    }
}
