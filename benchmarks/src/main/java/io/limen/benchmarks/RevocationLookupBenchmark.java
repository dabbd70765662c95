package io.limen.benchmarks;

import io.limen.agent.revocation.FilteredRevocations;
import io.limen.agent.revocation.RevocationFilter;
import io.limen.agent.revocation.RevocationIndex;
import io.limen.agent.revocation.RevocationSet;
import io.limen.agent.revocation.RevocationStore;
import io.limen.agent.revocation.SqliteConnections;
import io.limen.format.credential.RevocationKey;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Is this credential revoked, at city scale ({@code size} keys, 10 M by default): the Bloom filter with
 * SQLite confirmation ({@link FilteredRevocations}, what a terminal runs) against all keys in memory
 * ({@link RevocationSet}, what it ran before), in the same run. "Not revoked" asks random keys (about
 * 0.1 % of them filter false positives, which go to SQLite as a real terminal's would); "revoked" asks
 * keys in the list. Sample time: the medians and p99s are the figures. The set-up prints each side's
 * heap (after full collections) and the filter's measured false-positive rate.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class RevocationLookupBenchmark {

    static final int PROBES = 1 << 20;

    @State(Scope.Benchmark)
    public static class Probes {
        @Param("10000000")
        public int size;
        Path file;
        RevocationKey[] members;
        RevocationKey[] strangers;
        int next;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            file = RevocationData.store(size);
            members = RevocationData.members(file, 20_000);
            strangers = RevocationData.strangers(PROBES, 7);
        }

        RevocationKey member() {
            return members[next++ % members.length];
        }

        RevocationKey stranger() {
            return strangers[next++ & (PROBES - 1)];
        }
    }

    @State(Scope.Benchmark)
    public static class Filtered {
        RevocationIndex index;
        FilteredRevocations revocations;

        @Setup(Level.Trial)
        public void setUp(Probes probes) {
            long before = RevocationData.heapAfterGc();
            long started = System.nanoTime();
            index = RevocationIndex.open(SqliteConnections.file(probes.file), Instant.now());
            revocations = index.current();
            long millis = (System.nanoTime() - started) / 1_000_000;
            long heap = RevocationData.heapAfterGc() - before;
            RevocationFilter filter = revocations.filter();
            RevocationKey[] fresh = RevocationData.strangers(10_000_000, 99);
            long hits = 0;
            for (RevocationKey key : fresh) {
                hits += filter.mightContain(key) ? 1 : 0;
            }
            System.out.printf("%nfiltered: %,d keys, start %,d ms, filter %,d bytes, heap held %,d bytes,"
                            + " false positives %,d of %,d (%.4f %%), Guava's estimate %.4f %%%n",
                    revocations.size(), millis, filter.sizeInBytes(), heap, hits, fresh.length,
                    100.0 * hits / fresh.length, 100 * filter.expectedFalsePositiveRate());
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            index.close();
        }
    }

    @State(Scope.Benchmark)
    public static class InMemory {
        RevocationSet revocations;

        @Setup(Level.Trial)
        public void setUp(Probes probes) {
            long before = RevocationData.heapAfterGc();
            long started = System.nanoTime();
            revocations = RevocationStore.readSnapshot(SqliteConnections.readOnly(probes.file));
            long millis = (System.nanoTime() - started) / 1_000_000;
            System.out.printf("%nin memory: %,d keys, start %,d ms, heap held %,d bytes%n",
                    revocations.size(), millis, RevocationData.heapAfterGc() - before);
        }
    }

    @Benchmark
    public boolean notRevoked_filtered(Probes probes, Filtered filtered) {
        return filtered.revocations.contains(probes.stranger());
    }

    @Benchmark
    public boolean notRevoked_inMemory(Probes probes, InMemory set) {
        return set.revocations.contains(probes.stranger());
    }

    @Benchmark
    public boolean revoked_filtered(Probes probes, Filtered filtered) {
        return filtered.revocations.contains(probes.member());
    }

    @Benchmark
    public boolean revoked_inMemory(Probes probes, InMemory set) {
        return set.revocations.contains(probes.member());
    }
}
