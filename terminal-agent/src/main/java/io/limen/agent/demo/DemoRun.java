package io.limen.agent.demo;

import io.limen.agent.Agent;
import io.limen.agent.HardwareSeams;
import io.limen.agent.Terminal;
import io.limen.agent.camera.Frame;
import io.limen.agent.display.DisplayMessage;
import io.limen.agent.display.RecordingDisplay;
import io.limen.agent.gate.PinActivity;
import io.limen.agent.simulation.SyntheticFrameSource;
import io.limen.agent.time.SimulatedTime;
import io.limen.config.AgentConfig;
import io.limen.config.RevocationConfig;
import io.limen.config.TerminalConfig;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the demo's cases through a whole terminal on simulated hardware, assembled by {@link Terminal}
 * as a real one is: the real decoder, verifier, policy and gate logic, with Pi4J's mock GPIO in place of
 * the Pi's pins, and the trust and revocation lists loaded from the demo's files.
 *
 * <p>Time is a {@link SimulatedTime}: between two people the demo moves it past the pulse, so the pins
 * go back to off exactly as on a terminal, without waiting for it, and the wall clock moves with it.
 */
public final class DemoRun {

    /** How long one person takes at the entrance: every pulse and display has ended by then. */
    static final Duration PER_PERSON = Duration.ofSeconds(3);

    /**
     * What happened to one case: the admission, and what the gate's pins did after it.
     *
     * @param gateStartNanos the gate clock when the frame came in; pin events are on that clock
     * @param displayed      what the display showed for it (nothing for a frame without a code)
     */
    public record Outcome(DemoCase demoCase, Agent.Admission admission, List<PinActivity.PinEvent> pinEvents, long gateStartNanos,
                          List<DisplayMessage> displayed) {

        public boolean asExpected() {
            return admission.scan().reason() == demoCase.expected();
        }
    }

    public interface Listener {
        void caseDone(int number, Outcome outcome);
    }

    private DemoRun() {
    }

    /** The demo terminal's configuration: every default, guarding the demo's zone, with its lists. */
    public static AgentConfig config(DemoScenario scenario) {
        return AgentConfig.defaults(scenario.trustFile())
                .withTerminal(new TerminalConfig("demo", "lobby-1", Optional.of(DemoScenario.ZONE)))
                .withRevocation(RevocationConfig.at(scenario.revocationsFile()));
    }

    public static List<Outcome> run(DemoScenario scenario, Instant now, Listener listener) throws IOException {
        SimulatedTime time = new SimulatedTime(now);
        List<DemoCase> cases = scenario.cases();
        RecordingDisplay display = new RecordingDisplay();
        HardwareSeams seams = HardwareSeams.simulated(
                new SyntheticFrameSource(cases.stream().map(DemoCase::frame).toList()), time).withDisplay(display);
        List<Outcome> outcomes = new ArrayList<>();
        try (Terminal terminal = Terminal.assemble(config(scenario), seams);
             PinActivity pins = PinActivity.watch(terminal.gate(), time::nanoTime)) {
            for (DemoCase demoCase : cases) {
                Frame frame = seams.camera().next().orElseThrow();
                pins.clear();
                long start = time.nanoTime();
                int shownBefore = display.shown().size();
                Agent.Admission admission = terminal.agent().admit(frame);
                seams.camera().release(frame);
                time.advance(PER_PERSON);
                List<DisplayMessage> shown = display.shown();
                Outcome outcome = new Outcome(demoCase, admission, pins.events(), start, shown.subList(shownBefore, shown.size()));
                outcomes.add(outcome);
                listener.caseDone(outcomes.size(), outcome);
            }
        } catch (InterruptedException e) {
            // The synthetic source never blocks; keep the flag for whoever asked.
            Thread.currentThread().interrupt();
        } finally {
            seams.gpio().shutdown();
        }
        return outcomes;
    }
}
