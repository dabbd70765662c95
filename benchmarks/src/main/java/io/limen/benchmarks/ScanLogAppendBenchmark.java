package io.limen.benchmarks;

import io.limen.agent.policy.Decision;
import io.limen.agent.revocation.SqliteConnections;
import io.limen.agent.scanlog.Alarms;
import io.limen.agent.scanlog.ScanLogWriter;
import io.limen.agent.time.SystemWallClock;
import io.limen.config.ScanLogConfig;
import io.limen.format.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The scan log's sustained rate: decisions handed to {@link ScanLogWriter} as fast as the admit thread
 * can offer them, each invocation waiting until all its decisions ({@value #BURST}, or {@value #SMALL}) are durable (WAL,
 * {@code synchronous=FULL}, group commit: one fsync per group) on a real file in the temp folder. The
 * score is scans per second made durable; the goal is at least 5,000.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class ScanLogAppendBenchmark {

    static final int BURST = 1000;
    static final int SMALL = 10;

    private Path dir;
    private ScanLogWriter log;
    private final AtomicLong durable = new AtomicLong();
    private long handed;
    private final Decision decision = Decision.denied(Reason.EXPIRED, Optional.empty(), "expired");

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("limen-scanlog-bench");
        Path file = dir.resolve("scanlog.db");
        ScanLogConfig config = new ScanLogConfig(Optional.of(file), ScanLogConfig.DEFAULT_MAX_BYTES,
                ScanLogConfig.DEFAULT_RETENTION, 65_536, ScanLogConfig.DEFAULT_MEMORY_RECORDS, ScanLogConfig.DEFAULT_BUSY_TIMEOUT);
        log = ScanLogWriter.start(config, SqliteConnections.file(file), Optional.of("lobby"),
                SystemWallClock.trustingSystemClock(), new Alarms(), group -> durable.set(group.last()));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        log.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Groups of about a thousand: the rate the writer sustains when decisions come faster than fsyncs. */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public long burstDurable() {
        return handAndWait(BURST);
    }

    /** Groups of ten, each waited for: one fsync per ten scans, the rate when the disk's flush is the limit. */
    @Benchmark
    @OperationsPerInvocation(SMALL)
    public long smallGroupsDurable() {
        return handAndWait(SMALL);
    }

    private long handAndWait(int count) {
        for (int i = 0; i < count; i++) {
            log.decided(decision, 1_500_000, 90_000, 4_000, 1_700_000);
        }
        handed += count;
        while (durable.get() < handed) {
            LockSupport.parkNanos(20_000);
        }
        return durable.get();
    }
}
