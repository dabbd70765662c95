package io.limen.benchmarks;

import com.pi4j.context.Context;
import io.limen.agent.display.JournalDisplay;
import io.limen.agent.gate.Gate;
import io.limen.agent.gate.GateCommand;
import io.limen.agent.gate.GpioContexts;
import io.limen.agent.policy.Decision;
import io.limen.agent.time.ManualScheduler;
import io.limen.config.BoardProfiles;
import io.limen.config.Direction;
import io.limen.config.GateConfig;
import io.limen.format.cose.CoseAlgorithm;
import io.limen.format.cose.KeyId;
import io.limen.format.credential.Claims;
import io.limen.format.credential.Credential;
import io.limen.format.credential.CredentialId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
 * From a decision in hand to the relay pin's new level, and the display update beside it: the part of
 * the admit path after the policy. {@code grantToRelayPin} is {@link Gate#grant} on a board whose
 * passage sensors make it wait for the turn (the state machine, the port's fail-mode and polarity
 * mapping, four Pi4J pin writes, the timer scheduled); it returns once the relay pin holds its new
 * level. {@code denyToRedLed} is the same for a denial. {@code showOnDisplay} is the display's hand-off
 * ({@link JournalDisplay}: the newest message into a one-slot exchange, the writer thread woken), and
 * {@code grantThenShow} both, as {@code Agent.admit} does them. Each invocation starts from a locked
 * gate (the setup ends the previous pulse on the hand-stepped clock, outside the measurement).
 *
 * <p>{@code baselinePinWrite} is the floor from the same run: one Pi4J pin write alone.
 *
 * <p>Pi4J's mock provider stands for the pins: on a Pi, gpiod adds one {@code ioctl} per pin write.
 * The goal: a gate command reaches the output within 1 ms of the decision.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1)
public class GateCommandBenchmark {

    /** {@code bare}: a relay and LEDs (limen-hat-v1); {@code turnstile}: rotation sensors and a buzzer too. */
    @Param({"bare", "turnstile"})
    public String board;

    private Context context;
    private ManualScheduler time;
    private Gate gate;
    private JournalDisplay display;
    private Decision granted;
    private Optional<Credential> holder;
    private com.pi4j.io.gpio.digital.DigitalOutput bare;
    private boolean high;

    @Setup(Level.Trial)
    public void setUp() {
        context = GpioContexts.simulated();
        time = new ManualScheduler();
        gate = new Gate(context, board.equals("bare") ? BoardProfiles.LIMEN_HAT_V1 : BoardProfiles.TRIPOD_TURNSTILE, time,
                GateConfig.DEFAULTS, event -> { });
        display = new JournalDisplay(line -> { });
        bare = context.create(com.pi4j.io.gpio.digital.DigitalOutput.newConfigBuilder(context).id("bench-pin").address(4)
                .initial(com.pi4j.io.gpio.digital.DigitalState.LOW).shutdown(com.pi4j.io.gpio.digital.DigitalState.LOW));
        Claims claims = new Claims("https://issuer.example", "holder-1", Instant.EPOCH, Optional.empty(),
                Instant.EPOCH.plusSeconds(3600), CredentialId.fromHex("00112233"), Optional.empty(), List.of(), Optional.of("Ada"));
        Credential credential = new Credential(claims, new KeyId(new byte[8]), CoseAlgorithm.EDDSA);
        granted = Decision.granted(credential);
        holder = Optional.of(credential);
    }

    /** Back to a locked, dark gate: the pulse, the passage timeout and the deny display all over. */
    @Setup(Level.Invocation)
    public void relock() {
        time.advance(Duration.ofSeconds(30));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        gate.close();
        display.close();
        context.shutdown();
    }

    /** The floor, in the same run: one Pi4J write of one pin, nothing of Limen around it. */
    @Benchmark
    public com.pi4j.io.gpio.digital.DigitalOutput baselinePinWrite() {
        high = !high;
        return bare.state(high ? com.pi4j.io.gpio.digital.DigitalState.HIGH : com.pi4j.io.gpio.digital.DigitalState.LOW);
    }

    @Benchmark
    public GateCommand grantToRelayPin() {
        return gate.grant(GateConfig.DEFAULTS.grantPulse(), Direction.ENTRY, holder);
    }

    @Benchmark
    public GateCommand denyToRedLed() {
        return gate.deny(GateConfig.DEFAULTS.denyShow());
    }

    @Benchmark
    public void showOnDisplay() {
        display.show(granted);
    }

    @Benchmark
    public GateCommand grantThenShow() {
        GateCommand command = gate.grant(GateConfig.DEFAULTS.grantPulse(), Direction.ENTRY, holder);
        display.show(granted);
        return command;
    }
}
