package io.limen.agent.lists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.agent.revocation.FilteredRevocations;
import io.limen.agent.revocation.RevocationIndex;
import io.limen.agent.revocation.SqliteConnections;
import io.limen.format.credential.RevocationKey;
import io.limen.format.lists.ListDocument;
import io.limen.format.lists.ListHeader;
import io.limen.format.lists.ListKind;
import io.limen.format.lists.ListProblem;
import io.limen.format.lists.SnapshotId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The version rules of docs/lists.md on a real store: each refusal leaves the held list answering as before. */
class RevocationUpdatesTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final RevocationKey ALICE = key(1);
    private static final RevocationKey BOB = key(2);
    private static final RevocationKey CAROL = key(3);
    private static final SnapshotId ID = new SnapshotId(new byte[16]);
    private static final SnapshotId OTHER_ID = new SnapshotId(new byte[] {1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});

    @TempDir
    Path dir;

    private RevocationIndex index;
    private RevocationUpdates updates;
    private final List<FilteredRevocations> handedOver = new ArrayList<>();

    private static RevocationKey key(int n) {
        return RevocationKey.of("https://issuer.example", new byte[] {(byte) n});
    }

    @BeforeEach
    void open() {
        index = RevocationIndex.open(SqliteConnections.file(dir.resolve("revocations.db")), NOW);
        updates = new RevocationUpdates(index, handedOver::add);
    }

    @AfterEach
    void close() {
        index.close();
    }

    private static ListHeader header(long version, OptionalLong base, Optional<ListHeader.Chunk> chunk, Instant issued) {
        return new ListHeader(ListKind.REVOCATIONS, "*", version, base, issued, issued.plusSeconds(3600), chunk);
    }

    private static ListDocument.Revocations snapshot(long version, RevocationKey... keys) {
        return new ListDocument.Revocations(header(version, OptionalLong.empty(), Optional.empty(), NOW), List.of(keys), List.of());
    }

    private static ListDocument.Revocations delta(long base, long version, List<RevocationKey> added, List<RevocationKey> removed) {
        return new ListDocument.Revocations(header(version, OptionalLong.of(base), Optional.empty(), NOW), added, removed);
    }

    private static ListDocument.Revocations chunk(long version, int index, int count, SnapshotId id, RevocationKey... keys) {
        return new ListDocument.Revocations(header(version, OptionalLong.empty(),
                Optional.of(new ListHeader.Chunk(index, count, id)), NOW), List.of(keys), List.of());
    }

    private void assertHeld(long version, RevocationKey... revoked) {
        assertEquals(version, index.current().version());
        for (RevocationKey key : List.of(ALICE, BOB, CAROL)) {
            assertEquals(List.of(revoked).contains(key), index.current().contains(key), key + " at version " + version);
        }
    }

    private static void assertRefused(ListProblem problem, ListOutcome outcome) {
        ListOutcome.Refused refused = assertInstanceOf(ListOutcome.Refused.class, outcome, outcome::describe);
        assertEquals(problem, refused.problem(), refused::describe);
    }

    @Test
    void snapshotThenDelta_areApplied_andHandedToTheTerminal() {
        assertInstanceOf(ListOutcome.Applied.class, updates.apply(snapshot(3, ALICE, BOB), NOW));
        ListOutcome delta = updates.apply(delta(3, 4, List.of(CAROL), List.of(ALICE)), NOW);
        assertEquals("applied revocations version 4 (delta: 1 added, 1 removed, 2 keys now)", delta.describe());
        assertHeld(4, BOB, CAROL);
        assertEquals(List.of(3L, 4L), handedOver.stream().map(FilteredRevocations::version).toList());
    }

    @Test
    void anOlderOrEqualVersion_isARollback_andChangesNothing() {
        updates.apply(snapshot(5, ALICE), NOW);
        assertRefused(ListProblem.ROLLBACK, updates.apply(snapshot(5, BOB), NOW));
        assertRefused(ListProblem.ROLLBACK, updates.apply(snapshot(4, BOB), NOW));
        assertRefused(ListProblem.ROLLBACK, updates.apply(delta(4, 5, List.of(BOB), List.of()), NOW));
        assertHeld(5, ALICE);
        assertEquals(1, handedOver.size());
    }

    @Test
    void aDeltaFromAnotherBase_isAGap_askingForASnapshot() {
        updates.apply(snapshot(5, ALICE), NOW);
        ListOutcome outcome = updates.apply(delta(6, 7, List.of(BOB), List.of()), NOW);
        assertRefused(ListProblem.GAP, outcome);
        assertEquals("refused gap: a delta from version 6 to 7, but this terminal holds version 5: it needs a snapshot",
                outcome.describe());
        assertHeld(5, ALICE);
    }

    @Test
    void issuedFarInTheFuture_isRefused_butAFewMinutesAheadIsAClockDifference() {
        Instant farAhead = NOW.plusSeconds(6 * 60);
        ListDocument.Revocations future = new ListDocument.Revocations(
                header(2, OptionalLong.empty(), Optional.empty(), farAhead), List.of(BOB), List.of());
        assertRefused(ListProblem.FROM_THE_FUTURE, updates.apply(future, NOW));
        assertHeld(0);
        ListDocument.Revocations slightlyAhead = new ListDocument.Revocations(
                header(2, OptionalLong.empty(), Optional.empty(), NOW.plusSeconds(4 * 60)), List.of(BOB), List.of());
        assertInstanceOf(ListOutcome.Applied.class, updates.apply(slightlyAhead, NOW));
    }

    @Test
    void aListOfAnotherScope_isRefused() {
        ListDocument.Revocations scoped = new ListDocument.Revocations(new ListHeader(ListKind.REVOCATIONS, "https://issuer.example",
                1, OptionalLong.empty(), NOW, NOW.plusSeconds(60), Optional.empty()), List.of(ALICE), List.of());
        assertRefused(ListProblem.WRONG_SCOPE, updates.apply(scoped, NOW));
    }

    @Test
    void chunksInOrder_areStaged_andAppliedWholeWithTheLast_whileTheOldListAnswers() {
        updates.apply(snapshot(1, CAROL), NOW);
        assertInstanceOf(ListOutcome.Waiting.class, updates.apply(chunk(2, 0, 3, ID, ALICE), NOW));
        assertInstanceOf(ListOutcome.Waiting.class, updates.apply(chunk(2, 1, 3, ID), NOW));
        assertHeld(1, CAROL); // staged, not applied
        ListOutcome last = updates.apply(chunk(2, 2, 3, ID, BOB), NOW);
        assertEquals("applied revocations version 2 (snapshot of 2 keys in 3 chunks)", last.describe());
        assertHeld(2, ALICE, BOB);
        assertEquals(Optional.empty(), updates.finish());
    }

    @Test
    void aChunkOutOfOrder_isRefused_andTheAssemblyWaitsForTheRightOne() {
        updates.apply(chunk(2, 0, 3, ID, ALICE), NOW);
        assertRefused(ListProblem.CHUNK_OUT_OF_ORDER, updates.apply(chunk(2, 2, 3, ID, BOB), NOW));
        assertInstanceOf(ListOutcome.Waiting.class, updates.apply(chunk(2, 1, 3, ID), NOW));
        assertInstanceOf(ListOutcome.Applied.class, updates.apply(chunk(2, 2, 3, ID, BOB), NOW));
        assertHeld(2, ALICE, BOB);
    }

    @Test
    void aChunkWithoutItsFirst_isOutOfOrder() {
        assertRefused(ListProblem.CHUNK_OUT_OF_ORDER, updates.apply(chunk(2, 1, 3, ID, ALICE), NOW));
        assertHeld(0);
    }

    @Test
    void aChunkOfAnotherSnapshot_isForeign_andTheAssemblyGoesOn() {
        updates.apply(chunk(2, 0, 2, ID, ALICE), NOW);
        assertRefused(ListProblem.FOREIGN_CHUNK, updates.apply(chunk(2, 1, 2, OTHER_ID, CAROL), NOW));
        assertRefused(ListProblem.FOREIGN_CHUNK, updates.apply(chunk(3, 1, 2, ID, CAROL), NOW));
        assertRefused(ListProblem.FOREIGN_CHUNK, updates.apply(chunk(2, 1, 3, ID, CAROL), NOW));
        assertInstanceOf(ListOutcome.Applied.class, updates.apply(chunk(2, 1, 2, ID, BOB), NOW));
        assertHeld(2, ALICE, BOB);
    }

    @Test
    void aSnapshotThatEndsEarly_isTruncated_andNothingOfItIsApplied() {
        updates.apply(snapshot(1, CAROL), NOW);
        updates.apply(chunk(2, 0, 3, ID, ALICE), NOW);
        updates.apply(chunk(2, 1, 3, ID, BOB), NOW);
        ListOutcome.Refused truncated = updates.finish().orElseThrow();
        assertEquals(ListProblem.TRUNCATED, truncated.problem());
        assertHeld(1, CAROL);
        // The staging is gone: a new snapshot starts clean.
        updates.apply(chunk(3, 0, 1, ID, BOB), NOW);
        assertHeld(3, BOB);
    }

    @Test
    void aKeyInTwoChunks_isADuplicate_andTheAssemblyIsDropped() {
        updates.apply(chunk(2, 0, 2, ID, ALICE), NOW);
        assertRefused(ListProblem.DUPLICATE_ENTRY, updates.apply(chunk(2, 1, 2, ID, ALICE, BOB), NOW));
        assertHeld(0);
        assertRefused(ListProblem.CHUNK_OUT_OF_ORDER, updates.apply(chunk(2, 1, 2, ID, BOB), NOW));
    }

    @Test
    void aChunkedSnapshotOfAnOldVersion_isARollback() {
        updates.apply(snapshot(4, CAROL), NOW);
        assertRefused(ListProblem.ROLLBACK, updates.apply(chunk(3, 0, 2, ID, ALICE), NOW));
        assertHeld(4, CAROL);
    }
}
