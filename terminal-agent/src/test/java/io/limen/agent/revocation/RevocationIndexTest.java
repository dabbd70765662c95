package io.limen.agent.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.format.credential.RevocationKey;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RevocationIndexTest {

    private static final RevocationKey ALICE = RevocationKey.of("https://issuer.example", new byte[] {1});
    private static final RevocationKey BOB = RevocationKey.of("https://issuer.example", new byte[] {2});
    private static final RevocationKey CAROL = RevocationKey.of("https://issuer.example", new byte[] {3});
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("revocations.db");
    }

    private RevocationIndex open() {
        return RevocationIndex.open(SqliteConnections.file(file()), NOW);
    }

    @Test
    void newStore_isVersionZero_revokesNothing_andIsNotDamaged() {
        try (RevocationIndex index = open()) {
            assertEquals(0, index.current().version());
            assertEquals(0, index.current().size());
            assertFalse(index.current().contains(ALICE));
            assertEquals(Optional.empty(), index.damage());
        }
    }

    @Test
    void snapshotThenDelta_answerAsTheListSays_andSurviveAReopen() {
        try (RevocationIndex index = open()) {
            index.replaceAll(1, List.of(ALICE, BOB, ALICE));
            assertEquals(2, index.current().size());
            assertTrue(index.current().contains(ALICE));
            assertTrue(index.current().contains(BOB));
            assertFalse(index.current().contains(CAROL));

            FilteredRevocations v2 = index.applyDelta(2, List.of(CAROL), List.of(ALICE));
            assertEquals(2, v2.version());
            assertEquals(2, v2.size());
            assertFalse(v2.contains(ALICE), "removed: still in the filter, cleared by the store");
            assertTrue(v2.contains(BOB));
            assertTrue(v2.contains(CAROL));
        }
        try (RevocationIndex reopened = open()) {
            FilteredRevocations loaded = reopened.current();
            assertEquals(2, loaded.version());
            assertEquals(2, loaded.size());
            assertFalse(loaded.contains(ALICE));
            assertTrue(loaded.contains(BOB));
            assertTrue(loaded.contains(CAROL));
        }
    }

    @Test
    void aLookupHeldFromBeforeAnUpdate_answersFromItsOwnFilter_untilItIsSwapped() {
        try (RevocationIndex index = open()) {
            FilteredRevocations v1 = index.replaceAll(1, List.of(ALICE));
            index.applyDelta(2, List.of(BOB), List.of());
            assertFalse(v1.contains(BOB), "the old filter never saw BOB");
            assertTrue(index.current().contains(BOB));
        }
    }

    @Test
    void anUpdateThatDoesNotGrowTheVersion_isRefused_andTheListStays() {
        try (RevocationIndex index = open()) {
            FilteredRevocations v3 = index.replaceAll(3, List.of(ALICE));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> index.applyDelta(3, List.of(BOB), List.of(ALICE)));
            assertEquals("revocation list version must grow: stored version is 3, but the update has version 3", e.getMessage());
            assertEquals(v3, index.current());
            assertTrue(index.current().contains(ALICE));
            assertFalse(index.current().contains(BOB));
        }
    }

    @Test
    void deltasPastTheFilterCapacity_rebuildIt_fromTheStore() {
        SplittableRandom random = new SplittableRandom(7);
        List<RevocationKey> all = new ArrayList<>();
        try (RevocationIndex index = open()) {
            index.replaceAll(1, List.of(ALICE));
            long capacity = index.current().filter().capacity();
            for (int version = 2; all.size() <= capacity; version++) {
                List<RevocationKey> delta = new ArrayList<>();
                for (int i = 0; i < 300; i++) {
                    delta.add(new RevocationKey(random.nextLong(), random.nextLong()));
                }
                all.addAll(delta);
                index.applyDelta(version, delta, List.of());
            }
            FilteredRevocations now = index.current();
            assertTrue(now.filter().capacity() > capacity, "rebuilt larger: " + now.filter());
            assertEquals(all.size() + 1, now.size());
            for (RevocationKey key : all) {
                assertTrue(now.contains(key));
            }
        }
    }

    @Test
    void aFileThatIsNotADatabase_isMovedAside_andAnEmptyStoreTakesItsPlace() throws IOException {
        Files.write(file(), "this is not a SQLite database, it is a note a technician left".repeat(100).getBytes());
        try (RevocationIndex index = open()) {
            RevocationIndex.Damage damage = index.damage().orElseThrow();
            assertEquals(Optional.of(dir.resolve("revocations.db.damaged-" + NOW.toEpochMilli()).toAbsolutePath()), damage.movedTo());
            assertTrue(damage.problem().contains("is not a SQLite database"), damage.problem());
            assertTrue(Files.readString(damage.movedTo().get()).startsWith("this is not"), "moved, not rewritten");
            assertEquals(0, index.current().version());
            // The new, empty store takes the next snapshot.
            index.replaceAll(1, List.of(ALICE));
            assertTrue(index.current().contains(ALICE));
        }
    }

    /** A store of {@code count} random keys at version 1, its WAL folded in; the keys. */
    private List<RevocationKey> storeOf(int count, long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        List<RevocationKey> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            keys.add(new RevocationKey(random.nextLong(), random.nextLong()));
        }
        try (RevocationIndex index = open()) {
            index.replaceAll(1, keys);
        }
        execute("PRAGMA wal_checkpoint(TRUNCATE)");
        return keys;
    }

    private void execute(String sql) throws Exception {
        try (Connection c = SqliteConnections.file(file()).open(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Overwrites 8 KiB in the middle of the file with random bytes: pages of keys. */
    private void damageTheMiddle() throws IOException {
        long length = Files.size(file());
        try (RandomAccessFile raf = new RandomAccessFile(file().toFile(), "rw")) {
            byte[] garbage = new byte[8192];
            new SplittableRandom(5).nextBytes(garbage);
            raf.seek(length / 4 / 4096 * 4096);
            raf.write(garbage);
        }
    }

    @Test
    void withoutAKeptFilter_startUpReadsEveryKey_andMovesADamagedStoreAside() throws Exception {
        List<RevocationKey> keys = storeOf(20_000, 9);
        execute("DELETE FROM revocation_filter"); // as a store an older agent wrote
        damageTheMiddle();
        try (RevocationIndex index = open()) {
            RevocationIndex.Damage damage = index.damage().orElseThrow();
            assertTrue(damage.problem().contains("SQLITE_CORRUPT") || damage.problem().contains("SQLITE_NOTADB"),
                    damage.problem());
            assertTrue(Files.exists(damage.movedTo().orElseThrow()));
            assertEquals(0, index.current().version());
            assertFalse(index.current().contains(keys.get(0)));
        }
    }

    @Test
    void aDamagedPageOfKeys_isFoundByTheIntegrityCheck_deltasAreRefused_andTheNextSnapshotReplacesTheFile() throws Exception {
        List<RevocationKey> keys = storeOf(20_000, 9);
        damageTheMiddle();
        try (RevocationIndex index = open()) {
            assertEquals(1, index.current().version(), "started from the kept filter, before any check");
            RevocationIndex.Damage damage = index.checkIntegrity().orElseThrow();
            assertEquals(Optional.of(damage), index.damage());
            assertEquals(Optional.empty(), damage.movedTo());
            assertFalse(index.current().contains(ALICE), "a stranger is still answered from the filter");

            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> index.applyDelta(2, List.of(ALICE), List.of()));
            assertTrue(refused.getMessage().contains("is damaged: a delta cannot be applied to it, it needs a snapshot"),
                    refused.getMessage());

            index.replaceAll(2, List.of(ALICE, keys.get(0)), NOW);
            Path movedTo = index.damage().orElseThrow().movedTo().orElseThrow();
            assertEquals(dir.resolve("revocations.db.damaged-" + NOW.toEpochMilli()).toAbsolutePath(), movedTo);
            assertTrue(index.current().contains(ALICE));
            assertTrue(index.current().contains(keys.get(0)));
            assertFalse(index.current().contains(keys.get(1)));
            assertEquals(Optional.empty(), index.checkIntegrity());
        }
        try (RevocationIndex reopened = open()) {
            assertEquals(2, reopened.current().version());
            assertEquals(2, reopened.current().size());
            assertTrue(reopened.current().contains(ALICE));
        }
    }

    @Test
    void aKeptFilterOfAnOlderVersion_isNotUsed_theKeysAreReadAgain() throws Exception {
        storeOf(100, 3);
        // Another writer (or a crash before the filter was kept) moves the list on without a new filter.
        try (RevocationStore store = RevocationStore.open(SqliteConnections.file(file()))) {
            store.add(2, List.of(CAROL));
        }
        try (RevocationIndex index = open()) {
            assertEquals(2, index.current().version());
            assertEquals(101, index.current().size());
            assertTrue(index.current().contains(CAROL));
        }
    }

    @Test
    void aKeptFilterWhoseBytesChanged_isNotUsed_theKeysAreReadAgain() throws Exception {
        List<RevocationKey> keys = storeOf(100, 4);
        // Clear the filter's bits but keep its checksum: a damaged blob that would answer "not revoked".
        execute("UPDATE revocation_filter SET bloom = zeroblob(length(bloom))");
        try (RevocationIndex index = open()) {
            for (RevocationKey key : keys) {
                assertTrue(index.current().contains(key), key::toString);
            }
        }
    }

    @Test
    void aDatabaseOfAnotherShape_isRefused_andLeftWhereItIs() throws Exception {
        try (Connection c = SqliteConnections.file(file()).open(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE revoked(id INTEGER PRIMARY KEY, name TEXT)");
        }
        RevocationStoreException e = assertThrows(RevocationStoreException.class, this::open);
        assertTrue(e.getMessage().contains("has a revoked table of another shape"), e.getMessage());
        assertTrue(Files.exists(file()));
        try (var listing = Files.list(dir)) {
            assertTrue(listing.noneMatch(p -> p.getFileName().toString().contains("damaged")));
        }
    }
}
