package io.limen.agent.demo;

import io.limen.agent.ScanOutcome;
import io.limen.format.Reason;
import io.limen.format.credential.Claims;
import io.limen.agent.gate.GateEvent;
import io.limen.agent.gate.PinActivity;
import io.limen.agent.policy.Decision;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Prints the demo for a person: per scan what the camera saw, the decision, the pins, the latency. */
public final class DemoReport implements DemoRun.Listener {

    private static final int TEXT_SHOWN = 40;

    private final PrintWriter out;

    public DemoReport(PrintWriter out) {
        this.out = out;
    }

    public void header(DemoScenario scenario) {
        out.printf("Limen demo: one terminal guarding zone '%s', on simulated hardware (%s board, Pi4J mock GPIO;%n"
                + "the gate's timers run on a simulated clock, the decoder and verifier at full speed)%n", DemoScenario.ZONE, DemoRun.config(scenario).board().name());
        out.printf("trust: %s   revocations: %s%n%n", scenario.trustFile().getFileName(), scenario.revocationsFile().getFileName());
        out.flush();
    }

    @Override
    public void caseDone(int number, DemoRun.Outcome outcome) {
        ScanOutcome scan = outcome.admission().scan();
        String verdict = outcome.asExpected() ? "(as expected)" : "(EXPECTED " + outcome.demoCase().expected().code() + ")";
        out.printf("%2d  %s%n", number, outcome.demoCase().label());
        switch (scan) {
            case ScanOutcome.NoCode noCode -> {
                out.printf("    camera    no readable QR code%n");
                out.printf("    decision  none    %-14s %s%n", Reason.NO_CODE.code(), verdict);
            }
            case ScanOutcome.Repeated repeated -> {
                out.printf("    camera    %s (seen before, already decided)%n", shorten(repeated.text()));
                out.printf("    decision  none    %-14s %s%n", Reason.NO_CODE.code(), verdict);
            }
            case ScanOutcome.Scanned scanned -> {
                Decision decision = scanned.decision();
                out.printf("    camera    %s%n", shorten(scanned.text()));
                out.printf("    decision  %s %-14s %s%n", decision.granted() ? "GRANTED" : "denied ", decision.reason().code(), verdict);
                decision.credential().map(c -> c.claims()).ifPresent(c -> out.printf("    holder    %s%n", holder(c)));
            }
        }
        out.printf("    gate      %s%n", outcome.admission().gateCommand().map(Object::toString).orElse("nothing: no code, nobody to answer"));
        outcome.displayed().forEach(message -> out.printf("    display   %s%n", message.line()));
        // What the entrance's screen (the OLED, a 20x4 LCD) showed, its rows in the config's language.
        outcome.screens().forEach(rows -> out.printf("    screen    %s%n",
                String.join(" | ", rows.stream().filter(row -> !row.isEmpty()).toList())));
        if (!outcome.gateEvents().isEmpty()) {
            out.printf("    gate saw  %s%n", gateEvents(outcome.gateEvents(), outcome.gateStartNanos()));
        }
        if (!outcome.pinEvents().isEmpty()) {
            out.printf("    pins      %s%n", pins(outcome.pinEvents(), outcome.gateStartNanos()));
        }
        ScanOutcome.StageTimes t = scan.times();
        out.printf(Locale.ROOT, "    latency   decode %.2f ms, verify %.3f ms, decide %.3f ms; frame to relay command %.2f ms%n%n",
                t.decodeNanos() / 1e6, t.verifyNanos() / 1e6, t.decideNanos() / 1e6, outcome.admission().frameToRelayNanos() / 1e6);
        out.flush();
    }

    /** A line about the demo's uplink: which broker, or why there is none. */
    public void uplink(String line) {
        out.printf("%s%n%n", line);
        out.flush();
    }

    /** What the central side received, in order of arrival (after the scans above were decided). */
    public void telemetry(List<String> lines) {
        out.printf("uplink: what a subscriber to limen/# received, as it arrived (docs/telemetry.md)%n");
        lines.forEach(line -> out.printf("    %s%n", line));
        out.printf("%n");
        out.flush();
    }

    public void summary(List<DemoRun.Outcome> outcomes, Path dir) {
        long granted = outcomes.stream().filter(o -> o.admission().scan().reason() == Reason.OK).count();
        long decided = outcomes.stream().filter(o -> o.admission().scan() instanceof ScanOutcome.Scanned).count();
        long expected = outcomes.stream().filter(DemoRun.Outcome::asExpected).count();
        long[] latencies = outcomes.stream().mapToLong(o -> o.admission().frameToRelayNanos()).sorted().toArray();
        out.printf(Locale.ROOT, "demo: %d scans, %d granted, %d denied, %d without a code; %d of %d outcomes as expected; frame to relay median %.2f ms, max %.2f ms; files in %s%n",
                outcomes.size(), granted, decided - granted, outcomes.size() - decided, expected, outcomes.size(),
                latencies[latencies.length / 2] / 1e6, latencies[latencies.length - 1] / 1e6, dir.toAbsolutePath());
        java.util.Map<String, Long> seen = new java.util.LinkedHashMap<>();
        outcomes.forEach(o -> o.gateEvents().forEach(e -> seen.merge(e.kind().code(), 1L, Long::sum)));
        if (!seen.isEmpty()) {
            out.printf("demo: the gate saw %s%n", String.join(", ", seen.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()));
        }
        out.flush();
    }

    private static String holder(Claims c) {
        return "sub=" + c.subject() + " cti=" + c.id().toHex() + " iss=" + c.issuer() + " zones=" + (c.zones().isEmpty() ? "any" : c.zones())
                + c.displayName().map(name -> " name=\"" + name + "\"").orElse("");
    }

    private static String pins(List<PinActivity.PinEvent> events, long startNanos) {
        StringBuilder line = new StringBuilder();
        for (PinActivity.PinEvent event : events) {
            if (!line.isEmpty()) {
                line.append(", ");
            }
            line.append(String.format(Locale.ROOT, "%s %s at +%.0f ms", event.role().label(), event.state(), (event.nanoTime() - startNanos) / 1e6));
        }
        return line.toString();
    }

    /** What the gate saw, e.g. {@code passed entry at +505 ms, not_passed entry at +2000 ms}. */
    private static String gateEvents(List<GateEvent> events, long startNanos) {
        StringBuilder line = new StringBuilder();
        for (GateEvent event : events) {
            if (!line.isEmpty()) {
                line.append(", ");
            }
            line.append(event.kind().code());
            event.direction().ifPresent(d -> line.append(' ').append(d.configName()));
            line.append(String.format(Locale.ROOT, " at +%.0f ms", (event.atNanos() - startNanos) / 1e6));
        }
        return line.toString();
    }

    private static String shorten(String text) {
        return text.length() <= TEXT_SHOWN ? text : text.substring(0, TEXT_SHOWN) + "... (" + text.length() + " chars)";
    }
}
