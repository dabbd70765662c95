package io.limen.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.limen.agent.gate.Gate;
import io.limen.agent.gate.GateEvent;
import io.limen.config.BoardInput;
import io.limen.config.GateConfig;
import io.limen.config.Direction;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link GateWiringContract} on simulated wiring: every build. */
class SimulatedGateWiringTest extends GateWiringContract {

    private SimulatedRig simulated;

    @Override
    Rig rig() {
        simulated = new SimulatedRig(BOARD);
        return simulated;
    }

    @Override
    void gateBuilt() {
        simulated.connectOutputs();
    }

    @Test
    void fireLoopCutAtStart_holdsTheArmFreeFromTheFirstRead() {
        // Nothing drives the fire input: its pull-up reads HIGH, as a cut loop does.
        try (SimulatedRig cut = new SimulatedRig(BOARD, java.util.Set.of(BoardInput.FIRE_ALARM))) {
            List<GateEvent.Kind> seen = new java.util.ArrayList<>();
            Gate cutGate = new Gate(cut.context(), cut.board(), cut.scheduler(), GateConfig.DEFAULTS, e -> seen.add(e.kind()));
            cut.connectOutputs();
            assertEquals(true, new Turnstile(cut).released());
            assertEquals(List.of(GateEvent.Kind.FIRE_ALARM), seen);
            cutGate.close();
        }
    }

    @Test
    void twoGrants_letTwoPeopleThrough_andAThirdIsForced() {
        gate.grant(PULSE, Direction.ENTRY, Optional.empty());
        gate.grant(PULSE, Direction.ENTRY, Optional.empty());
        new Turnstile(simulated).push(Direction.ENTRY);
        new Turnstile(simulated).push(Direction.ENTRY);
        new Turnstile(simulated).force(Direction.ENTRY);
        assertEquals(List.of(GateEvent.Kind.PASSED, GateEvent.Kind.PASSED, GateEvent.Kind.FORCED), events);
    }
}
