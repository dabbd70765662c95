package io.limen.agent.demo;

import com.pi4j.context.Context;
import io.limen.agent.Agent;
import io.limen.agent.Checkpoint;
import io.limen.agent.credential.CredentialVerifier;
import io.limen.agent.credential.TrustStore;
import io.limen.agent.decode.QrDecoder;
import io.limen.agent.gate.ExecutorScheduler;
import io.limen.agent.gate.Gate;
import io.limen.agent.gate.GpioContexts;
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
 */
public final class DemoRun {

    /** Short, so the demo is quick; a real turnstile pulses for about a second. */
    static final Duration GRANT_PULSE = Duration.ofMillis(300);
    static final Duration DENY_SHOW = Duration.ofMillis(300);
    static final BoardProfile BOARD = BoardProfiles.LIMEN_HAT_V1;

    /** What happened to one case: the admission, and what the gate's pins did after it. */
    public record Outcome(DemoCase demoCase, Agent.Admission admission, List<PinActivity.PinEvent> pinEvents, long startNanos) {

        public boolean asExpected() {
            return admission.scan().decision().reason() == demoCase.expected();
        }
    }

    public interface Listener {
        void caseDone(int number, Outcome outcome);
    }

    private DemoRun() {
    }

    public static List<Outcome> run(DemoScenario scenario, Instant now, Listener listener) throws IOException, InterruptedException {
        TrustStore trust = TrustStore.load(scenario.trustFile());
        RevocationSet revocations;
        try (RevocationStore store = RevocationStore.open(SqliteConnections.file(scenario.revocationsFile()))) {
            revocations = store.loadSnapshot();
        }
        Checkpoint checkpoint = new Checkpoint(new QrDecoder(),
                new CredentialVerifier(() -> trust, CredentialVerifier.DEFAULT_CLOCK_SKEW),
                new AccessPolicy(() -> revocations, Optional.of(DemoScenario.ZONE)));

        Context pi = GpioContexts.simulated();
        List<Outcome> outcomes = new ArrayList<>();
        try (ExecutorScheduler scheduler = new ExecutorScheduler("demo-gate");
             Gate gate = new Gate(pi, BOARD, scheduler);
             PinActivity pins = PinActivity.watch(gate)) {
            Agent agent = new Agent(checkpoint, gate, GRANT_PULSE, DENY_SHOW);
            for (DemoCase demoCase : scenario.cases()) {
                pins.clear();
                long start = System.nanoTime();
                Agent.Admission admission = agent.admit(demoCase.frame(), now);
                if (admission.gateCommand().isPresent()) {
                    // Let the pulse run its course, as the person walks through, before the next one.
                    Thread.sleep(Math.max(GRANT_PULSE.toMillis(), DENY_SHOW.toMillis()) + 50);
                }
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
