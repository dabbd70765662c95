package io.limen.agent;

import io.limen.agent.camera.Frame;
import io.limen.agent.display.Display;
import io.limen.agent.gate.Gate;
import io.limen.agent.gate.GateCommand;
import io.limen.agent.policy.Decision;
import io.limen.agent.scanlog.ScanLog;
import io.limen.config.GateConfig;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One entrance: the admit path from a camera frame to the relay, the display and the scan log.
 * Assembled by {@link Terminal}; runs on the admit thread and never blocks there (the gate only sets
 * pins and schedules the pulse's end, the display only takes the newest message, the scan log only
 * offers to its hand-off).
 */
public final class Agent {

    /**
     * @param gateCommand       what the gate was told; empty when the frame held no code or a repeat
     * @param frameToRelayNanos from the frame's arrival to the gate command returning
     */
    public record Admission(ScanOutcome scan, Optional<GateCommand> gateCommand, long frameToRelayNanos) {
    }

    private static final Predicate<String> EVERY_CODE = text -> true;

    private final Checkpoint checkpoint;
    private final Gate gate;
    private final GateConfig settings;
    private final Display display;
    private final ScanLog scanLog;

    /** @param scanLog told of every decision ({@link ScanLog#NONE} for none); never of a frame without a code */
    public Agent(Checkpoint checkpoint, Gate gate, GateConfig settings, Display display, ScanLog scanLog) {
        this.scanLog = Objects.requireNonNull(scanLog, "scanLog must not be null");
        this.checkpoint = Objects.requireNonNull(checkpoint, "checkpoint must not be null");
        this.gate = Objects.requireNonNull(gate, "gate must not be null");
        this.settings = Objects.requireNonNull(settings, "settings must not be null");
        this.display = Objects.requireNonNull(display, "display must not be null");
    }

    /** Every code read is decided: for callers that show each frame once ({@code demo}'s cases, benchmarks). */
    public Admission admit(Frame frame) {
        return admit(frame, EVERY_CODE);
    }

    /**
     * The admit path of one frame: decode; ask {@code firstSighting} whether the code is new (the run
     * loop's debounce), and if not, stop there; verify and decide; command the gate; show.
     *
     * @param firstSighting false for a code already decided while it stays in view; called once per code read
     */
    public Admission admit(Frame frame, Predicate<String> firstSighting) {
        long start = System.nanoTime();
        Optional<String> text = checkpoint.read(frame);
        long decoded = System.nanoTime();
        long decodeNanos = decoded - start;
        // Most frames end here, with nothing after the decoder: its end reading times them, no third read.
        if (text.isEmpty()) {
            return new Admission(new ScanOutcome.NoCode(new ScanOutcome.StageTimes(decodeNanos, 0, 0)), Optional.empty(),
                    decoded - frame.arrivalNanos());
        }
        if (!firstSighting.test(text.get())) {
            return new Admission(new ScanOutcome.Repeated(text.get(), new ScanOutcome.StageTimes(decodeNanos, 0, 0)),
                    Optional.empty(), decoded - frame.arrivalNanos());
        }
        ScanOutcome.Scanned scanned = checkpoint.check(text.get(), decodeNanos);
        GateCommand command = scanned.decision() instanceof Decision.Granted granted
                ? gate.grant(settings.grantPulse(), settings.direction(), Optional.of(granted.holder()), granted.degraded())
                : gate.deny(settings.denyShow());
        long relayNanos = System.nanoTime() - frame.arrivalNanos();
        display.show(scanned.decision());
        ScanOutcome.StageTimes times = scanned.times();
        scanLog.decided(scanned.decision(), times.decodeNanos(), times.verifyNanos(), times.decideNanos(), relayNanos);
        return new Admission(scanned, Optional.of(command), relayNanos);
    }
}
