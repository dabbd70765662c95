package io.limen.benchmarks;

import io.limen.agent.Agent;
import io.limen.config.ScanLogConfig;
import java.io.IOException;
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
 * The gate path's cost with the scan log on and off, in the same run: {@link AdmitPathBenchmark}'s
 * whole admit path (frame → decode → verify → decide → gate → display → scan log), on a terminal whose
 * config names a scan log ({@code log=on}: every decision offered to the writer thread, which commits
 * groups to a real WAL file with {@code synchronous=FULL} meanwhile) or none ({@code log=off}:
 * {@code ScanLog.NONE}). Back to back, so the log receives far more decisions a second than a camera
 * makes; the goal is at most 5 % more time per admission with the log on.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class AdmitScanLogBenchmark {

    @Param({"off", "on"})
    public String log;

    private AdmitTerminal fixture;
    private Agent agent;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        fixture = new AdmitTerminal("limen-admit-log-bench",
                (config, dir) -> log.equals("on") ? config.withScanLog(ScanLogConfig.at(dir.resolve("scanlog.db"))) : config,
                seams -> seams);
        agent = fixture.agent();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        fixture.close();
    }

    @Benchmark
    public Agent.Admission frameToRelayCommand() {
        return agent.admit(fixture.nextFrame().arrivedAt(System.nanoTime()));
    }
}
