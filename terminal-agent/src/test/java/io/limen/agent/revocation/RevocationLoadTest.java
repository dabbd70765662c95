package io.limen.agent.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.format.credential.RevocationKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The budget: "millions of entries", a non-revoked credential answered from memory. Builds a
 * million-key table in a real SQLite file, loads the snapshot, and prints what it measured (wall
 * clock, one run: a smoke figure, not a benchmark — JMH belongs in {@code benchmarks/}).
 */
class RevocationLoadTest {

    private static final int KEYS = 1_000_000;
    private static final int PROBES = 1_000_000;

    @TempDir
    Path dir;

    @Test
    void millionKeyList_isStoredLoadedAndAnsweredFromMemory() {
        SplittableRandom random = new SplittableRandom(2024);
        List<RevocationKey> keys = new ArrayList<>(KEYS);
        for (int i = 0; i < KEYS; i++) {
            keys.add(new RevocationKey(random.nextLong(), random.nextLong())); // SHA-256 prefixes are uniform
        }
        SqliteConnections file = SqliteConnections.file(dir.resolve("revocations.db"));

        long t0 = System.nanoTime();
        try (RevocationStore store = RevocationStore.open(file)) {
            store.replaceAll(1, keys);
        }
        long t1 = System.nanoTime();
        RevocationSet snapshot;
        try (RevocationStore store = RevocationStore.open(file)) { // open includes the key-length scan
            long t2 = System.nanoTime();
            snapshot = store.loadSnapshot();
            long t3 = System.nanoTime();
            System.out.printf("revocation load test: %,d keys: sort+insert %d ms, reopen %d ms, snapshot load %d ms%n",
                    KEYS, ms(t1 - t0), ms(t2 - t1), ms(t3 - t2));

            assertEquals(KEYS, snapshot.size());
            assertEquals(1, snapshot.version());
            // A sample of point queries agrees with the snapshot.
            for (int i = 0; i < 1_000; i++) {
                RevocationKey present = keys.get(random.nextInt(KEYS));
                assertTrue(store.isRevoked(present), present::toString);
                assertTrue(snapshot.contains(present), present::toString);
            }
        }

        RevocationKey[] present = new RevocationKey[PROBES];
        RevocationKey[] absent = new RevocationKey[PROBES];
        for (int i = 0; i < PROBES; i++) {
            present[i] = keys.get(random.nextInt(KEYS));
            // A fresh random 128-bit key collides with one of a million with probability ~2^-108.
            absent[i] = new RevocationKey(random.nextLong(), random.nextLong());
        }
        for (int i = 0; i < PROBES; i++) {
            assertTrue(snapshot.contains(present[i]), present[i]::toString);
            assertFalse(snapshot.contains(absent[i]), absent[i]::toString);
        }
        // Warmed up by the loop above; time the common case (absent) and the revoked one, best of 5
        // rounds, since other builds share the machine.
        double absentNanos = Double.MAX_VALUE;
        double presentNanos = Double.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            absentNanos = Math.min(absentNanos, nanosPerContains(snapshot, absent));
            presentNanos = Math.min(presentNanos, nanosPerContains(snapshot, present));
        }
        System.out.printf("revocation load test: contains() absent %.0f ns/op, present %.0f ns/op (best of 5)%n",
                absentNanos, presentNanos);
    }

    private static double nanosPerContains(RevocationSet snapshot, RevocationKey[] probes) {
        int found = 0;
        long start = System.nanoTime();
        for (RevocationKey probe : probes) {
            found += snapshot.contains(probe) ? 1 : 0;
        }
        long elapsed = System.nanoTime() - start;
        assertTrue(found == 0 || found == probes.length); // uses the result, so the loop is not removed
        return (double) elapsed / probes.length;
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
