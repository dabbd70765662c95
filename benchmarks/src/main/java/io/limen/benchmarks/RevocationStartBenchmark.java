package io.limen.benchmarks;

import io.limen.agent.revocation.RevocationIndex;
import io.limen.agent.revocation.RevocationStore;
import io.limen.agent.revocation.SqliteConnections;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
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
 * From the SQLite file of 10 M revoked keys to a list that answers, in the same run: the filter the
 * store keeps ({@code keptFilter}: one blob read and checked), the filter built from every key
 * ({@code streamed}: a store without a kept filter, as after a crash between an update and its filter),
 * and every key in memory as before ({@code inMemory}). Single shots; run with {@code -prof gc} for
 * what each allocates.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class RevocationStartBenchmark {

    private Path dir;
    private Path file;

    @Setup(Level.Trial)
    public void copy() throws Exception {
        dir = Files.createTempDirectory("limen-bench-start");
        file = RevocationData.copy(RevocationData.store(RevocationApplyBenchmark.LARGE), dir);
        RevocationIndex.open(SqliteConnections.file(file), Instant.now()).close(); // keeps the filter
    }

    @TearDown(Level.Trial)
    public void delete() throws Exception {
        RevocationApplyBenchmark.deleteTree(dir);
    }

    /** For {@link #streamed}: forget the kept filter, so the next open reads every key. */
    @State(Scope.Benchmark)
    public static class WithoutFilter {
        @Setup(Level.Invocation)
        public void forget(RevocationStartBenchmark bench) throws Exception {
            try (Connection c = SqliteConnections.file(bench.file).open(); Statement s = c.createStatement()) {
                s.execute("DELETE FROM revocation_filter");
            }
        }
    }

    @Benchmark
    public long keptFilter() {
        try (RevocationIndex index = RevocationIndex.open(SqliteConnections.file(file), Instant.now())) {
            return index.current().size();
        }
    }

    @Benchmark
    public long streamed(WithoutFilter forgotten) {
        try (RevocationIndex index = RevocationIndex.open(SqliteConnections.file(file), Instant.now())) {
            return index.current().size();
        }
    }

    @Benchmark
    public long inMemory() {
        return RevocationStore.readSnapshot(SqliteConnections.readOnly(file)).size();
    }
}
