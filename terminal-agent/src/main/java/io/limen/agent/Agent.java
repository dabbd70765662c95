package io.limen.agent;

import io.limen.format.Reason;
import io.limen.agent.camera.Frame;
import io.limen.agent.gate.Gate;
import io.limen.agent.gate.GateCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One entrance: the admit path from a camera frame to the relay. The stages are wired by hand by
 * whoever builds the agent (the {@code demo} on simulated hardware, the terminal on a Pi).
 */
public final class Agent {

    /**
     * @param gateCommand       what the gate was told; empty when the frame held no code
     * @param frameToRelayNanos from handing in the frame to the gate command returning
     */
    public record Admission(ScanResult scan, Optional<GateCommand> gateCommand, long frameToRelayNanos) {
    }

    private final Checkpoint checkpoint;
    private final Gate gate;
    private final Duration grantPulse;
    private final Duration denyShow;

    public Agent(Checkpoint checkpoint, Gate gate, Duration grantPulse, Duration denyShow) {
        this.checkpoint = Objects.requireNonNull(checkpoint, "checkpoint");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.grantPulse = Objects.requireNonNull(grantPulse, "grantPulse");
        this.denyShow = Objects.requireNonNull(denyShow, "denyShow");
    }

    public Admission admit(Frame frame, Instant now) {
        long start = System.nanoTime();
        ScanResult scan = checkpoint.scan(frame, now);
        // Most frames hold no code: nobody is there, so there is nothing to show.
        if (scan.decision().reason() == Reason.NO_CODE) {
            return new Admission(scan, Optional.empty(), System.nanoTime() - start);
        }
        GateCommand command = scan.decision().granted() ? gate.grant(grantPulse) : gate.deny(denyShow);
        return new Admission(scan, Optional.of(command), System.nanoTime() - start);
    }
}
