package io.limen.agent.cli;

import io.limen.agent.demo.DemoReport;
import io.limen.agent.demo.DemoRun;
import io.limen.agent.demo.DemoScenario;
import io.limen.agent.demo.DemoUplink;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code demo}: a whole terminal on simulated hardware, in one process, in a few seconds. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = {
    "Run a whole terminal on simulated hardware: issue a set of credentials (valid, expired, not yet valid, revoked, "
        + "wrong zone, forged, unknown issuer, not a credential, damaged), show each to a simulated camera, and print "
        + "what the terminal decided, what the relay and LEDs did, and how long each stage took.",
    "",
    "Exit code 1 if any decision is not the expected one."})
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "limen-demo",
            description = "Folder for everything the demo writes (default: ${DEFAULT-VALUE}); what an earlier demo wrote there is deleted, nothing else.")
    Path dir;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "2026", description = "Seed of the camera scenes (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        Instant now = Instant.now();
        DemoReport report = new DemoReport(spec.commandLine().getOut());
        // The folder stays locked until the run ends: a second demo there is refused, not mixed in.
        try (DemoUplink uplink = DemoUplink.start();
             DemoScenario scenario = DemoScenario.create(dir, now, seed, uplink.brokerUri())) {
            report.uplink(uplink.description());
            report.header(scenario);
            List<DemoRun.Outcome> outcomes = DemoRun.run(scenario, now, report);
            uplink.received().ifPresent(report::telemetry);
            scenario.recordScanLog();
            report.summary(outcomes, dir);
            return outcomes.stream().allMatch(DemoRun.Outcome::asExpected) ? 0 : 1;
        }
    }
}
