package io.limen.agent.demo;

import io.limen.agent.Agent;
import io.limen.agent.HardwareSeams;
import io.limen.agent.Terminal;
import io.limen.agent.scanlog.ScanLogStatus;
import io.limen.agent.scanlog.ScanLogWriter;
import io.limen.agent.camera.CameraCounters;
import io.limen.agent.display.DisplayLanguage;
import io.limen.agent.display.DisplayMessage;
import io.limen.agent.display.RecordingDisplay;
import io.limen.agent.gate.GateEvent;
import io.limen.agent.gate.PinActivity;
import io.limen.agent.run.TerminalRun;
import io.limen.agent.simulation.SteppedFrameSource;
import io.limen.agent.time.SimulatedTime;
import io.limen.config.AgentConfig;
import io.limen.config.yaml.ConfigFile;
import io.limen.config.yaml.LoadResult;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs the demo's cases through a whole terminal on simulated hardware, the way {@code limen agent run}
 * runs a real one: assembled by {@link Terminal} and run by {@link TerminalRun} (camera reader thread,
 * one-slot exchange, admit thread with debounce, decision lines and counters in the log). Only the seams
 * differ: the real decoder, verifier, policy and gate logic, with Pi4J's mock GPIO in place of the Pi's
 * pins, and the trust and revocation lists loaded from the demo's files.
 *
 * <p>The camera is a {@link SteppedFrameSource}: one scene per person, each seen once, and the simulated
 * time moves {@link #PER_PERSON} between two, so the pins go back to off exactly as on a terminal,
 * without waiting for it, and the wall clock moves with it.
 */
public final class DemoRun {

    /** How long one person takes at the entrance: every pulse and display has ended by then. */
    static final Duration PER_PERSON = Duration.ofSeconds(3);

    /**
     * What happened to one case: the admission, and what the gate's pins did after it.
     *
     * @param gateStartNanos the gate clock when the frame came in; pin events are on that clock
     * @param displayed      what the display showed for it (nothing for a frame without a code)
     * @param gateEvents     what the gate saw from the admission up to the next one's (a turn of the arm, a
     *                       grant nobody used, a forced turn, the exit button), as the scan log records them
     * @param screens        the rows a 4-row screen showed for it, in the config's language, parallel to {@code displayed}
     */
    public record Outcome(DemoCase demoCase, Agent.Admission admission, List<PinActivity.PinEvent> pinEvents, long gateStartNanos,
                          List<DisplayMessage> displayed, List<List<String>> screens, List<GateEvent> gateEvents) {

        public boolean asExpected() {
            return admission.scan().reason() == demoCase.expected();
        }
    }

    public interface Listener {
        void caseDone(int number, Outcome outcome);
    }

    /** One admission as the admit thread saw it: when, and how many messages the display had shown by then. */
    private record Admitted(Agent.Admission admission, long gateNanos, int shownSoFar) {
    }

    private DemoRun() {
    }

    /**
     * The demo terminal's configuration, loaded from the config file the scenario wrote, as {@code run}
     * loads one: guarding the demo's zone, with its lists, a synthetic camera and a simulated gate.
     *
     * @throws IllegalStateException if the demo's own file has problems (a bug), naming every one
     */
    public static AgentConfig config(DemoScenario scenario) {
        return switch (ConfigFile.load(scenario.configFile())) {
            case LoadResult.Loaded loaded -> loaded.config();
            case LoadResult.Invalid invalid -> throw new IllegalStateException("the demo's config has problems: " + invalid.problems());
        };
    }

    /**
     * Runs every case, then tells {@code listener} of each in order.
     *
     * @throws IOException if the demo's lists cannot be read
     */
    public static List<Outcome> run(DemoScenario scenario, Instant now, Listener listener) throws IOException {
        SimulatedTime time = new SimulatedTime(now);
        List<DemoCase> cases = scenario.cases();
        AgentConfig config = config(scenario);
        RecordingDisplay display = new RecordingDisplay(DisplayLanguage.of(config.display().language()));
        HardwareSeams seams = HardwareSeams.simulated(
                new SteppedFrameSource(cases.stream().map(DemoCase::frame).toList(), time,
                        cases.stream().map(DemoCase::after).toList()), time).withDisplay(display);
        List<Admitted> admitted = new CopyOnWriteArrayList<>();
        List<PinActivity.PinEvent> events;
        List<GateEvent> seen = new CopyOnWriteArrayList<>();
        try {
            Terminal terminal = Terminal.assemble(config, seams);
            terminal.watchGateEvents(seen::add);
            DemoTurnstile turnstile = new DemoTurnstile(seams.gpio(), config.board(), time);
            turnstile.rest();
            try (PinActivity pins = PinActivity.watch(terminal.gate(), time::nanoTime)) {
                // On the admit thread, while the camera waits for the frame back: the time is still. The
                // person's act is scheduled on it and plays while the time moves to the next person.
                TerminalRun run = new TerminalRun(terminal, new CameraCounters(), admission -> {
                    admitted.add(new Admitted(admission, time.nanoTime(), display.shown().size()));
                    turnstile.act(cases.get(admitted.size() - 1).act());
                });
                run.start();
                try {
                    if (!run.awaitEnd(Duration.ofMinutes(5))) {
                        throw new IllegalStateException("the demo terminal did not finish its " + cases.size() + " cases in 5 minutes");
                    }
                    // The last person's pulse ends too; the run has ended, so this thread alone moves the time.
                    time.advance(PER_PERSON);
                    awaitUplink(terminal, time);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    run.stop();
                }
                events = pins.events();
            }
        } finally {
            seams.gpio().shutdown();
        }
        List<Outcome> outcomes = outcomes(cases, admitted, events, display.shown(), display.screens(), seen);
        for (int i = 0; i < outcomes.size(); i++) {
            listener.caseDone(i + 1, outcomes.get(i));
        }
        return outcomes;
    }

    /**
     * With an uplink, waits (at most 10 s) until every decision logged has been acknowledged by the broker,
     * moving the simulated time a second at a time so that the last batch closes by age, as it would.
     */
    private static void awaitUplink(Terminal terminal, SimulatedTime time) throws InterruptedException {
        if (terminal.uplink().isEmpty() || !(terminal.scanLog() instanceof ScanLogWriter writer)) {
            return;
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() - deadline < 0) {
            ScanLogStatus log = writer.status();
            if (log.queued() == 0 && log.held() == 0 && terminal.uplink().get().counts().scans() >= log.lastSequence()) {
                return;
            }
            time.advance(Duration.ofSeconds(1));
            terminal.uplink().get().wake();
            Thread.sleep(50);
        }
    }

    /** Each case with the pin and gate events from its admission up to the next one's, and the messages shown for it. */
    private static List<Outcome> outcomes(List<DemoCase> cases, List<Admitted> admitted, List<PinActivity.PinEvent> events,
                                          List<DisplayMessage> shown, List<List<String>> screens, List<GateEvent> gateEvents) {
        if (admitted.size() != cases.size()) {
            throw new IllegalStateException("the demo terminal admitted " + admitted.size() + " of " + cases.size() + " frames");
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Admitted a = admitted.get(i);
            long end = i + 1 < admitted.size() ? admitted.get(i + 1).gateNanos() : Long.MAX_VALUE;
            int shownBefore = i == 0 ? 0 : admitted.get(i - 1).shownSoFar();
            List<PinActivity.PinEvent> own = events.stream().filter(e -> e.nanoTime() >= a.gateNanos() && e.nanoTime() < end).toList();
            List<GateEvent> saw = gateEvents.stream().filter(e -> e.atNanos() >= a.gateNanos() && e.atNanos() < end).toList();
            outcomes.add(new Outcome(cases.get(i), a.admission(), own, a.gateNanos(), List.copyOf(shown.subList(shownBefore, a.shownSoFar())),
                    List.copyOf(screens.subList(shownBefore, a.shownSoFar())), saw));
        }
        return outcomes;
    }
}
