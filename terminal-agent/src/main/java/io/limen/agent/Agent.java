package io.limen.agent;

import io.limen.agent.camera.Frame;
import io.limen.agent.display.Display;
import io.limen.agent.gate.Gate;
import io.limen.agent.gate.GateCommand;
import io.limen.agent.scanlog.ScanLog;
import io.limen.config.GateConfig;
import java.util.Objects;
import java.util.Optional;

/**
 * One entrance: the admit path from a camera frame to the relay, the display and the scan log.
 * Assembled by {@link Terminal}; runs on the admit thread and never blocks there (the gate only sets
 * pins and schedules the pulse's end, the display only takes the newest message, the scan log only
 * offers to its hand-off).
 */
public final class Agent {

    /**
     * @param gateCommand       what the gate was told; empty when the frame held no code
     * @param frameToRelayNanos from the frame's arrival to the gate command returning
     */
    public record Admission(ScanOutcome scan, Optional<GateCommand> gateCommand, long frameToRelayNanos) {
    }

    private final Checkpoint checkpoint;
    private final Gate gate;
    private final GateConfig settings;
    private final Display display;
    private final ScanLog scanLog;

    /** An entrance that logs no scans. */
    public Agent(Checkpoint checkpoint, Gate gate, GateConfig settings, Display display) {
        this(checkpoint, gate, settings, display, ScanLog.NONE);
    }

    /** @param scanLog told of every decision ({@link ScanLog#NONE} for none); never of a frame without a code */
    public Agent(Checkpoint checkpoint, Gate gate, GateConfig settings, Display display, ScanLog scanLog) {
        this.scanLog = Objects.requireNonNull(scanLog, "scanLog must not be null");
        this.checkpoint = Objects.requireNonNull(checkpoint, "checkpoint must not be null");
        this.gate = Objects.requireNonNull(gate, "gate must not be null");
        this.settings = Objects.requireNonNull(settings, "settings must not be null");
        this.display = Objects.requireNonNull(display, "display must not be null");
    }

    public Admission admit(Frame frame) {
        ScanOutcome scan = checkpoint.scan(frame);
        if (!(scan instanceof ScanOutcome.Scanned scanned)) {
            return new Admission(scan, Optional.empty(), System.nanoTime() - frame.arrivalNanos());
        }
        GateCommand command = scanned.decision().granted()
                ? gate.grant(settings.grantPulse())
                : gate.deny(settings.denyShow());
        long relayNanos = System.nanoTime() - frame.arrivalNanos();
        display.show(scanned.decision());
        ScanOutcome.StageTimes times = scanned.times();
        scanLog.decided(scanned.decision(), times.decodeNanos(), times.verifyNanos(), times.decideNanos(), relayNanos);
        return new Admission(scan, Optional.of(command), relayNanos);
    }
}
