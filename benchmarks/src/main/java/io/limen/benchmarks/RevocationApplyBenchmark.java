package io.limen.benchmarks;

import io.limen.agent.revocation.RevocationIndex;
import io.limen.agent.revocation.RevocationSet;
import io.limen.agent.revocation.RevocationStore;
import io.limen.agent.revocation.SqliteConnections;
import io.limen.format.credential.RevocationKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Taking a list update, in the same run for the filter-and-store terminal ({@link RevocationIndex}) and
 * the all-in-memory one before it ({@link RevocationStore} then {@link RevocationStore#loadSnapshot}):
 * a full snapshot of 1 M keys into a new store (goal ≤ 10 s), and a delta of 10,000 keys into the
 * 10 M-key store. Single shots: one update is one operation.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class RevocationApplyBenchmark {

    static final int SNAPSHOT = 1_000_000;
    static final int DELTA = 10_000;
    static final int LARGE = 10_000_000;

    /** A new, empty store for each snapshot, and the snapshot's keys. */
    @State(Scope.Benchmark)
    public static class Snapshot {
        List<RevocationKey> keys;
        Path dir;
        Path file;

        @Setup(Level.Trial)
        public void keys() {
            keys = Arrays.asList(RevocationData.strangers(SNAPSHOT, 11));
        }

        @Setup(Level.Invocation)
        public void emptyStore() throws IOException {
            dir = Files.createTempDirectory("limen-bench-apply");
            file = dir.resolve("revocations.db");
        }

        @TearDown(Level.Invocation)
        public void delete() throws IOException {
            deleteTree(dir);
        }
    }

    /** A copy of the 10 M store, and the next delta: 10,000 new keys at the next version. */
    @State(Scope.Benchmark)
    public static class Delta {
        Path dir;
        Path file;
        long version = 1;
        int round;
        List<RevocationKey> added;
        RevocationIndex index;
        RevocationStore store;

        @Setup(Level.Trial)
        public void copy() throws Exception {
            dir = Files.createTempDirectory("limen-bench-delta");
            file = RevocationData.copy(RevocationData.store(LARGE), dir);
        }

        @Setup(Level.Invocation)
        public void nextDelta() {
            added = Arrays.asList(RevocationData.strangers(DELTA, 1000 + round++));
            version++;
        }

        @TearDown(Level.Trial)
        public void delete() throws IOException {
            if (index != null) {
                index.close();
            }
            if (store != null) {
                store.close();
            }
            deleteTree(dir);
        }
    }

    @Benchmark
    public long snapshot1M_filtered(Snapshot snapshot) {
        try (RevocationIndex index = RevocationIndex.open(SqliteConnections.file(snapshot.file), Instant.now())) {
            return index.replaceAll(1, snapshot.keys).size();
        }
    }

    @Benchmark
    public long snapshot1M_inMemory(Snapshot snapshot) {
        try (RevocationStore store = RevocationStore.open(SqliteConnections.file(snapshot.file))) {
            store.replaceAll(1, snapshot.keys);
            return store.loadSnapshot().size(); // the old terminal re-read the whole list after an update
        }
    }

    @Benchmark
    public long delta10k_filtered(Delta delta) {
        if (delta.index == null) {
            delta.index = RevocationIndex.open(SqliteConnections.file(delta.file), Instant.now());
        }
        return delta.index.applyDelta(delta.version, delta.added, List.of()).size();
    }

    @Benchmark
    public long delta10k_inMemory(Delta delta) {
        if (delta.store == null) {
            delta.store = RevocationStore.open(SqliteConnections.file(delta.file));
        }
        delta.store.add(delta.version, delta.added);
        RevocationSet reloaded = delta.store.loadSnapshot();
        return reloaded.size();
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
