package io.limen.agent.lists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.agent.revocation.RevocationIndex;
import io.limen.agent.revocation.SqliteConnections;
import io.limen.format.cose.CoseAlgorithm;
import io.limen.format.cose.SigningKey;
import io.limen.format.credential.RevocationKey;
import io.limen.format.credential.TrustStore;
import io.limen.format.credential.TrustedKey;
import io.limen.format.lists.ListDocument;
import io.limen.format.lists.ListDocuments;
import io.limen.format.lists.ListHeader;
import io.limen.format.lists.ListKind;
import io.limen.format.lists.ListProblem;
import io.limen.format.lists.ListTopics;
import io.limen.format.lists.SnapshotId;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MQTT list messages on a real store with real signatures: retained repeats passed over, chunks in any
 * order reassembled, and every bad set refused with its code while the held list keeps answering.
 */
class ListFeedTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final ListTopics TOPICS = ListTopics.forSite("site-1");
    private static final SnapshotId ID = new SnapshotId(new byte[16]);
    private static final SnapshotId OTHER_ID = new SnapshotId(new byte[] {1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});

    /** The cap on chunks held back here: 1 MiB (16 MiB in a terminal), reached with small chunks. */
    private static final long HELD_CAP = 1024 * 1024;

    @TempDir
    Path dir;

    private final SigningKey listKey = SigningKey.generate(CoseAlgorithm.EDDSA, new SecureRandom());
    private RevocationIndex index;
    private ListFeed feed;

    private static RevocationKey key(int n) {
        return RevocationKey.of("https://issuer.example", new byte[] {(byte) n});
    }

    @BeforeEach
    void open() {
        index = RevocationIndex.open(SqliteConnections.file(dir.resolve("revocations.db")), NOW);
        TrustStore signers = TrustStore.of(List.of(TrustedKey.of(listKey.verifyingKey())));
        ListImport imports = new ListImport(signers::keysFor, Optional.of(new RevocationUpdates(index, applied -> { })), Optional.empty());
        feed = new ListFeed(imports, () -> index.current().version(), () -> 0L, HELD_CAP);
    }

    @AfterEach
    void close() {
        index.close();
    }

    private byte[] chunk(long version, int i, int count, SnapshotId id, RevocationKey... keys) {
        ListHeader h = new ListHeader(ListKind.REVOCATIONS, "*", version, OptionalLong.empty(), NOW, NOW.plusSeconds(3600),
                Optional.of(new ListHeader.Chunk(i, count, id)));
        return ListDocuments.sign(listKey, new ListDocument.Revocations(h, List.of(keys), List.of()));
    }

    private List<ListOutcome> send(int chunkIndex, byte[] payload) throws Exception {
        return feed.accept(TOPICS.revocationChunk(chunkIndex), payload, NOW);
    }

    private static void assertRefused(ListProblem problem, List<ListOutcome> outcomes) {
        assertEquals(1, outcomes.size(), outcomes.toString());
        ListOutcome.Refused refused = assertInstanceOf(ListOutcome.Refused.class, outcomes.getFirst(), outcomes::toString);
        assertEquals(problem, refused.problem(), refused::describe);
    }

    private void holdVersion1() throws Exception {
        assertInstanceOf(ListOutcome.Applied.class, send(0, chunk(1, 0, 1, ID, key(1))).getFirst());
        assertEquals(1, index.current().version());
    }

    private void assertHeldVersion1() {
        assertEquals(1, index.current().version());
        assertTrue(index.current().contains(key(1)));
        assertEquals(false, index.current().contains(key(2)));
    }

    @Test
    void chunksInAnyOrder_areAssembled_theEarlyOnesHeldUntilTheirTurn_andRetainedRepeatsPassedOver() throws Exception {
        holdVersion1();
        assertInstanceOf(ListOutcome.Waiting.class, send(2, chunk(2, 2, 3, ID, key(4))).getFirst());
        assertInstanceOf(ListOutcome.Waiting.class, send(1, chunk(2, 1, 3, ID, key(3))).getFirst());
        assertTrue(feed.assembling().orElseThrow().contains("2 held back"), feed.assembling()::toString);
        assertHeldVersion1();

        List<ListOutcome> outcomes = send(0, chunk(2, 0, 3, ID, key(2)));

        assertEquals(3, outcomes.size(), outcomes.toString());
        assertInstanceOf(ListOutcome.Applied.class, outcomes.get(2));
        assertEquals(2, index.current().version());
        assertTrue(index.current().contains(key(2)) && index.current().contains(key(3)) && index.current().contains(key(4)));
        assertEquals(Optional.empty(), feed.assembling());
        // After a reconnect the broker sends every retained chunk again: nothing happens.
        assertEquals(List.of(), send(1, chunk(2, 1, 3, ID, key(3))));
        assertEquals(List.of(), send(0, chunk(1, 0, 1, ID, key(1))), "an older retained snapshot is passed over, not a rollback");
        assertEquals(List.of(), feed.accept(TOPICS.revocationChunk(5), new byte[0], NOW), "a cleared topic");
    }

    @Test
    void aChunkOfAnotherSnapshotOfTheSameVersion_isForeign_andTheAssemblyGoesOn() throws Exception {
        holdVersion1();
        send(0, chunk(2, 0, 2, ID, key(2)));

        assertRefused(ListProblem.FOREIGN_CHUNK, send(1, chunk(2, 1, 2, OTHER_ID, key(3))));
        assertRefused(ListProblem.FOREIGN_CHUNK, send(1, chunk(2, 1, 3, ID, key(3))));
        assertHeldVersion1();

        assertInstanceOf(ListOutcome.Applied.class, send(1, chunk(2, 1, 2, ID, key(3))).getFirst());
        assertEquals(2, index.current().version());
    }

    @Test
    void aSnapshotLeftIncomplete_isTruncatedWhenANewerOneBegins_nothingOfItApplied() throws Exception {
        holdVersion1();
        send(0, chunk(2, 0, 3, ID, key(2)));
        send(1, chunk(2, 1, 3, ID, key(3)));
        assertHeldVersion1();

        List<ListOutcome> outcomes = send(0, chunk(3, 0, 1, OTHER_ID, key(4)));

        ListOutcome.Refused truncated = assertInstanceOf(ListOutcome.Refused.class, outcomes.getFirst());
        assertEquals(ListProblem.TRUNCATED, truncated.problem());
        assertInstanceOf(ListOutcome.Applied.class, outcomes.get(1));
        assertEquals(3, index.current().version());
        assertEquals(false, index.current().contains(key(2)), "nothing of the truncated snapshot");
        assertTrue(index.current().contains(key(4)));
    }

    @Test
    void aSnapshotClaimingTooManyChunks_isRefusedBeforeAnythingIsStaged() throws Exception {
        holdVersion1();
        assertRefused(ListProblem.TOO_LARGE, send(0, chunk(2, 0, ListTopics.MAX_SNAPSHOT_CHUNKS + 1, ID, key(2))));
        assertRefused(ListProblem.TOO_LARGE, send(0, chunk(2, 0, 100_000, ID, key(2))));
        assertEquals(Optional.empty(), feed.assembling());
        assertHeldVersion1();
    }

    @Test
    void chunksAheadOfTheirTurn_areHeldUpToTheCap_pastItTheSnapshotIsDropped() throws Exception {
        holdVersion1();
        List<ListOutcome> last = List.of();
        int chunks = ListTopics.MAX_SNAPSHOT_CHUNKS;
        // Chunks of 5,000 keys (~90 KB) arriving without chunk 0: the held ones pass the cap at about the 12th.
        int keysPerChunk = 5_000;
        for (int i = 1; i < chunks && last.stream().noneMatch(o -> o instanceof ListOutcome.Refused); i++) {
            RevocationKey[] keys = new RevocationKey[keysPerChunk];
            for (int k = 0; k < keysPerChunk; k++) {
                keys[k] = RevocationKey.of("https://issuer.example", new byte[] {(byte) i, (byte) (k >> 8), (byte) k});
            }
            last = send(i, chunk(2, i, chunks, ID, keys));
        }
        assertRefused(ListProblem.TOO_LARGE, last);
        assertEquals(Optional.empty(), feed.assembling());
        assertHeldVersion1();
    }

    @Test
    void anOversizeMessage_aForgedOne_andAGarbledOne_areRefusedWithTheirCodes() throws Exception {
        holdVersion1();
        assertRefused(ListProblem.TOO_LARGE, feed.accept(TOPICS.trust(), new byte[ListDocuments.MAX_BYTES + 1], NOW));
        SigningKey stranger = SigningKey.generate(CoseAlgorithm.EDDSA, new SecureRandom());
        ListHeader h = new ListHeader(ListKind.REVOCATIONS, "*", 2, OptionalLong.of(1), NOW, NOW.plusSeconds(3600), Optional.empty());
        assertRefused(ListProblem.UNKNOWN_SIGNER, feed.accept(TOPICS.revocationDelta(),
                ListDocuments.sign(stranger, new ListDocument.Revocations(h, List.of(key(9)), List.of())), NOW));
        assertRefused(ListProblem.BAD_COSE, feed.accept(TOPICS.revocationDelta(), new byte[] {1, 2, 3}, NOW));
        List<ListOutcome> gap = feed.accept(TOPICS.revocationDelta(), ListDocuments.sign(listKey, new ListDocument.Revocations(
                new ListHeader(ListKind.REVOCATIONS, "*", 5, OptionalLong.of(4), NOW, NOW.plusSeconds(3600), Optional.empty()),
                List.of(key(9)), List.of())), NOW);
        assertRefused(ListProblem.GAP, gap);
        assertHeldVersion1();
    }

    @Test
    void aSnapshotWhoseChunksStop_isDroppedAfterTheTimeout_theHeldListStays_andItIsTakenAfreshLater() throws Exception {
        java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();
        TrustStore signers = TrustStore.of(List.of(TrustedKey.of(listKey.verifyingKey())));
        ListImport imports = new ListImport(signers::keysFor, Optional.of(new RevocationUpdates(index, applied -> { })), Optional.empty());
        ListFeed timed = new ListFeed(imports, () -> index.current().version(), () -> 0L, HELD_CAP, nanos::get, java.time.Duration.ofSeconds(60));
        assertInstanceOf(ListOutcome.Applied.class, timed.accept(TOPICS.revocationChunk(0), chunk(1, 0, 1, ID, key(1)), NOW).getFirst());

        assertInstanceOf(ListOutcome.Waiting.class, timed.accept(TOPICS.revocationChunk(0), chunk(2, 0, 3, ID, key(2)), NOW).getFirst());
        nanos.addAndGet(java.time.Duration.ofSeconds(59).toNanos());
        assertEquals(Optional.empty(), timed.expire(), "59 s without a chunk: still waiting");
        assertInstanceOf(ListOutcome.Waiting.class, timed.accept(TOPICS.revocationChunk(1), chunk(2, 1, 3, ID, key(3)), NOW).getFirst());
        nanos.addAndGet(java.time.Duration.ofSeconds(59).toNanos());
        assertEquals(Optional.empty(), timed.expire(), "each chunk starts the wait again");
        nanos.addAndGet(java.time.Duration.ofSeconds(1).toNanos());

        ListOutcome.Refused dropped = timed.expire().orElseThrow();
        assertEquals(ListProblem.SNAPSHOT_TIMEOUT, dropped.problem());
        assertTrue(dropped.detail().contains("waiting for chunk 2"), dropped::detail);
        assertEquals(Optional.empty(), timed.assembling());
        assertHeldVersion1();
        assertEquals(Optional.empty(), timed.expire(), "said once");

        // The retained set again (a reconnect): assembled from chunk 0, nothing of the dropped staging left over.
        timed.accept(TOPICS.revocationChunk(0), chunk(2, 0, 3, ID, key(2)), NOW);
        timed.accept(TOPICS.revocationChunk(1), chunk(2, 1, 3, ID, key(3)), NOW);
        assertInstanceOf(ListOutcome.Applied.class, timed.accept(TOPICS.revocationChunk(2), chunk(2, 2, 3, ID, key(4)), NOW).getFirst());
        assertEquals(2, index.current().version());
        assertEquals(3, index.current().size());
    }
}
