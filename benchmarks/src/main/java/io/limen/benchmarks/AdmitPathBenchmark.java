package io.limen.benchmarks;

import io.limen.agent.Agent;
import io.limen.agent.Terminal;
import io.limen.agent.display.JournalDisplay;
import java.io.IOException;
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
 * Frame arrival to relay command, the budget DESIGN.md sets ("well inside one camera frame period,
 * 33 ms, on a desktop core"): the whole admit path of {@link Agent} with a valid credential in a
 * 1280×720 frame, on a terminal assembled by {@link Terminal} on simulated hardware (Pi4J's mock GPIO,
 * simulated time) with the real display hand-off ({@link JournalDisplay}: the message into its slot,
 * the writer thread woken; its journal discards the line). Time is never advanced, so the relay stays on and every grant
 * after the first is an extension: the same pin writes a real gate makes. Each frame is stamped as
 * arriving when the benchmark hands it in.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class AdmitPathBenchmark {

    private AdmitTerminal fixture;
    private JournalDisplay display;
    private Agent agent;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        display = new JournalDisplay(line -> { });
        fixture = new AdmitTerminal("limen-admit-bench", (config, dir) -> config, seams -> seams.withDisplay(display));
        agent = fixture.agent();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        fixture.close();
        display.close();
    }

    @Benchmark
    public Agent.Admission frameToRelayCommand() {
        return agent.admit(fixture.nextFrame().arrivedAt(System.nanoTime()));
    }
}
