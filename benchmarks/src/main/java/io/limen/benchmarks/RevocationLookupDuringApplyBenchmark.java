package io.limen.benchmarks;

import io.limen.agent.revocation.RevocationIndex;
import io.limen.agent.revocation.SqliteConnections;
import io.limen.format.credential.RevocationKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
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
 * Lookups while the list changes under them: one thread applies 10,000-key deltas to a copy of the
 * 10 M-key store back to back (list sync at its worst), while one thread asks revoked keys (filter, then
 * SQLite on its own connection) and one asks random keys (the filter alone). The lookups' p99 is the
 * figure: WAL lets the reader go on from the last committed version while the writer writes.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class RevocationLookupDuringApplyBenchmark {

    private Path dir;
    private RevocationIndex index;
    private RevocationKey[] members;
    private RevocationKey[] strangers;
    private long version = 1;
    private int round;
    private int nextMember;
    private int nextStranger;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("limen-bench-during");
        Path file = RevocationData.copy(RevocationData.store(RevocationApplyBenchmark.LARGE), dir);
        members = RevocationData.members(file, 20_000);
        strangers = RevocationData.strangers(RevocationLookupBenchmark.PROBES, 5);
        index = RevocationIndex.open(SqliteConnections.file(file), Instant.now());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        index.close();
        RevocationApplyBenchmark.deleteTree(dir);
    }

    @Benchmark
    @Group("during")
    @GroupThreads(1)
    public long applyDelta10k() {
        List<RevocationKey> added = Arrays.asList(RevocationData.strangers(RevocationApplyBenchmark.DELTA, 5000 + round++));
        return index.applyDelta(++version, added, List.of()).size();
    }

    @Benchmark
    @Group("during")
    @GroupThreads(1)
    public boolean lookupRevoked() {
        return index.current().contains(members[nextMember++ % members.length]);
    }

    @Benchmark
    @Group("during")
    @GroupThreads(1)
    public boolean lookupNotRevoked() {
        return index.current().contains(strangers[nextStranger++ & (RevocationLookupBenchmark.PROBES - 1)]);
    }
}
