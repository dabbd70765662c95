package io.limen.agent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pi4j.context.Context;
import io.limen.agent.gate.GpioContexts;
import io.limen.agent.selftest.Check;
import io.limen.agent.selftest.SelfTest;
import io.limen.config.AgentConfig;
import io.limen.config.GateDriver;
import io.limen.config.yaml.ConfigFile;
import io.limen.config.yaml.LoadResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code selftest --config FILE [--json]}: a field technician's check of a terminal ({@link SelfTest}).
 * Run it with the agent stopped (it takes the board's pins). Text by default, one line a check; JSON
 * with {@code --json}. Exit 0 only when every needed check passes; 1 when one fails or the config has
 * problems; 2 for bad options.
 */
@Command(name = "selftest", mixinStandardHelpOptions = true,
        description = {
            "Check this terminal for a technician: inputs at rest (fire loop, exit button, door, sensors), the relay "
                + "clicked and LEDs and buzzer blinked, the display's test pattern, the clock, disk space, the trust file, "
                + "the revocation store, the scan log and the broker. Stop the agent first: it takes the board's pins.",
            "",
            "Exit code 0 when every needed check passes; 1 when one fails or the config has problems; 2 for bad options."})
final class SelftestCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", required = true, description = "The terminal's YAML config file.")
    Path config;

    @Option(names = "--json", description = "One JSON object: fit, and each check's name, status, needed and detail.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LoadResult loaded = ConfigFile.load(config);
        if (loaded instanceof LoadResult.Invalid invalid) {
            invalid.problems().forEach(err::println);
            err.println("selftest: " + invalid.problems().size() + " problem(s) in " + config + "; nothing checked");
            err.flush();
            return 1;
        }
        AgentConfig agent = ((LoadResult.Loaded) loaded).config();
        boolean realPins = agent.gate().driver() == GateDriver.PI4J;
        Context gpio = realPins ? GpioContexts.board() : GpioContexts.simulated();
        List<Check> checks;
        try {
            checks = new SelfTest(agent, gpio, realPins, Instant.now(), LockSupport::parkNanos).run();
        } finally {
            gpio.shutdown();
        }
        boolean fit = checks.stream().noneMatch(Check::blocks);
        if (json) {
            out.println(JSON.writeValueAsString(json(checks, fit)));
        } else {
            text(out, checks, fit);
        }
        out.flush();
        return fit ? 0 : 1;
    }

    static void text(PrintWriter out, List<Check> checks, boolean fit) {
        for (Check c : checks) {
            String status = c.status() + (c.blocks() ? "*" : "");
            out.printf("%-5s  %-10s  %s%n", status, c.name(), c.detail());
        }
        long passed = checks.stream().filter(c -> c.status() == Check.Status.PASS).count();
        long failed = checks.stream().filter(c -> c.status() == Check.Status.FAIL).count();
        long blocking = checks.stream().filter(Check::blocks).count();
        long skipped = checks.stream().filter(c -> c.status() == Check.Status.SKIP).count();
        out.println("selftest: " + passed + " passed, " + failed + " failed (" + blocking + " needed, marked *), "
                + skipped + " skipped: " + (fit ? "fit to run" : "NOT fit to run"));
    }

    static ObjectNode json(List<Check> checks, boolean fit) {
        ObjectNode root = JSON.createObjectNode();
        root.put("fit", fit);
        ArrayNode array = root.putArray("checks");
        for (Check c : checks) {
            array.addObject().put("name", c.name()).put("status", c.status().name().toLowerCase(java.util.Locale.ROOT))
                    .put("needed", c.needed()).put("detail", c.detail());
        }
        return root;
    }
}
