package io.limen.agent.demo;

import com.pi4j.context.Context;
import io.limen.agent.Agent;
import io.limen.agent.Checkpoint;
import io.limen.format.credential.CredentialVerifier;
import io.limen.format.credential.TrustStore;
import io.limen.agent.decode.QrDecoder;
import io.limen.agent.gate.Gate;
import io.limen.agent.gate.GpioContexts;
import io.limen.agent.time.ManualScheduler;
import io.limen.agent.gate.PinActivity;
import io.limen.agent.policy.AccessPolicy;
import io.limen.agent.revocation.RevocationSet;
import io.limen.agent.revocation.RevocationStore;
import io.limen.agent.revocation.SqliteConnections;
import io.limen.config.BoardProfile;
import io.limen.config.BoardProfiles;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the demo's cases through a whole terminal on simulated hardware: the real decoder, verifier,
 * policy and gate logic, with Pi4J's mock GPIO in place of the Pi's pins. The terminal loads its
 * trust and revocation lists from the demo's files, as a real one loads them from disk.
 *
 * <p>The gate's timers run on a {@link ManualScheduler}: between two people the demo moves the gate's
 * clock past the pulse, so the pins go back to off exactly as on a terminal, without waiting for it.
 */
public final class DemoRun {

    static final Duration GRANT_PULSE = Duration.ofMillis(800);
    static final Duration DENY_SHOW = Duration.ofMillis(1500);
    /** How long one person takes at the entrance: every pulse and display has ended by then. */
    static final Duration PER_PERSON = Duration.ofSeconds(3);
    static final BoardProfile BOARD = BoardProfiles.LIMEN_HAT_V1;

    /**
     * What happened to one case: the admission, and what the gate's pins did after it.
     *
     * @param gateStartNanos the gate clock when the frame came in; pin events are on that clock
     */
    public record Outcome(DemoCase demoCase, Agent.Admission admission, List<PinActivity.PinEvent> pinEvents, long gateStartNanos) {

        public boolean asExpected() {
            return admission.scan().decision().reason() == demoCase.expected();
        }
    }

    public interface Listener {
        void caseDone(int number, Outcome outcome);
    }

    private DemoRun() {
    }

    public static List<Outcome> run(DemoScenario scenario, Instant now, Listener listener) throws IOException {
        TrustStore trust = TrustStore.load(scenario.trustFile());
        RevocationSet revocations = RevocationStore.readSnapshot(SqliteConnections.readOnly(scenario.revocationsFile()));
        Checkpoint checkpoint = new Checkpoint(new QrDecoder(),
                new CredentialVerifier(() -> trust, CredentialVerifier.DEFAULT_CLOCK_SKEW),
                new AccessPolicy(() -> revocations, Optional.of(DemoScenario.ZONE)));

        Context pi = GpioContexts.simulated();
        List<Outcome> outcomes = new ArrayList<>();
        ManualScheduler gateClock = new ManualScheduler();
        try (Gate gate = new Gate(pi, BOARD, gateClock);
             PinActivity pins = PinActivity.watch(gate, gateClock::nanoTime)) {
            Agent agent = new Agent(checkpoint, gate, GRANT_PULSE, DENY_SHOW);
            for (DemoCase demoCase : scenario.cases()) {
                pins.clear();
                long start = gateClock.nanoTime();
                Agent.Admission admission = agent.admit(demoCase.frame(), now);
                gateClock.advance(PER_PERSON);
                Outcome outcome = new Outcome(demoCase, admission, pins.events(), start);
                outcomes.add(outcome);
                listener.caseDone(outcomes.size(), outcome);
            }
        } finally {
            pi.shutdown();
        }
        return outcomes;
    }
}
