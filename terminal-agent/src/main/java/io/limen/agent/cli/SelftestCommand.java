package io.limen.agent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pi4j.context.Context;
import io.limen.agent.camera.CameraSources;
import io.limen.agent.cli.image.ImageFrames;
import io.limen.agent.gate.GpioContexts;
import io.limen.agent.selftest.Check;
import io.limen.agent.selftest.ClockState;
import io.limen.agent.selftest.SelfTest;
import io.limen.agent.selftest.TestCard;
import io.limen.agent.time.ExecutorScheduler;
import io.limen.config.AgentConfig;
import io.limen.config.GateDriver;
import io.limen.config.yaml.ConfigFile;
import io.limen.config.yaml.LoadResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
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
                + "clicked (and read back where board.pins.relayReadBack is wired) and LEDs and buzzer blinked, the display's "
                + "test pattern, the camera's frames and the test card, the clock against the time floor, disk space, the trust "
                + "file, the revocation store, the lists' ages, the scan log and the broker. Each check is time-bounded. Stop the "
                + "agent first: it takes the board's pins and the camera.",
            "",
            "Exit code 0 when every needed check passes; 1 when one fails or the config has problems; 2 for bad options."})
final class SelftestCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "The terminal's YAML config file (required unless --print-test-card).")
    Path config;

    @Option(names = "--json", description = "One JSON object: fit, boundMs, elapsedMs, and each check's name, status, needed,"
            + " detail and facts (docs/commands.md).")
    boolean json;

    @Option(names = "--print-test-card", paramLabel = "FILE.png", description = "Write the self-test card (a QR code of the fixed"
            + " text " + TestCard.PAYLOAD + ", not a credential) as a PNG to print, and check nothing. Never over an existing file.")
    Path printTestCard;

    @Option(names = "--expect-card", description = "The technician holds the printed test card before the camera: not reading it"
            + " within the camera window fails the selftest (without it, a card not seen is only reported).")
    boolean expectCard;

    @Option(names = "--camera-seconds", paramLabel = "S", defaultValue = "5",
            description = "How long the camera is read at most, 1..60 s (default ${DEFAULT-VALUE}); it stops early once the card is read.")
    int cameraSeconds;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (printTestCard != null) {
            if (config != null || json || expectCard) {
                throw new ParameterException(spec.commandLine(), "--print-test-card writes the card and checks nothing:"
                        + " give it without --config, --json and --expect-card");
            }
            TestCard.writePng(printTestCard);
            out.println("selftest: test card written to " + printTestCard + " (" + TestCard.PAYLOAD + "): print it at 5 cm or"
                    + " more across, hold it before the camera and run selftest --expect-card");
            out.flush();
            return 0;
        }
        if (config == null) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '--config=FILE' (or --print-test-card)");
        }
        if (cameraSeconds < 1 || cameraSeconds > 60) {
            throw new ParameterException(spec.commandLine(), "--camera-seconds must be 1..60, but was " + cameraSeconds);
        }
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
        SelfTest selfTest;
        long start = System.nanoTime();
        try (ExecutorScheduler scheduler = new ExecutorScheduler("selftest-scheduler")) {
            selfTest = new SelfTest(agent, gpio, realPins, ClockState.system(), LockSupport::parkNanos,
                    counters -> CameraSources.open(agent.camera(), scheduler, counters, () -> {
                        throw new IllegalStateException("a synthetic camera is not read by selftest");
                    }, ImageFrames::read),
                    new SelfTest.Options(Duration.ofSeconds(cameraSeconds), expectCard));
            checks = selfTest.run();
        } finally {
            gpio.shutdown();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        boolean fit = checks.stream().noneMatch(Check::blocks);
        if (json) {
            out.println(JSON.writeValueAsString(json(checks, fit, selfTest.bound(), elapsed)));
        } else {
            text(out, checks, fit);
        }
        out.flush();
        return fit ? 0 : 1;
    }

    static void text(PrintWriter out, List<Check> checks, boolean fit) {
        for (Check c : checks) {
            String status = c.status() + (c.blocks() ? "*" : "");
            out.printf("%-5s  %-14s  %s%n", status, c.name(), c.detail());
        }
        long passed = checks.stream().filter(c -> c.status() == Check.Status.PASS).count();
        long failed = checks.stream().filter(c -> c.status() == Check.Status.FAIL).count();
        long blocking = checks.stream().filter(Check::blocks).count();
        long skipped = checks.stream().filter(c -> c.status() == Check.Status.SKIP).count();
        out.println("selftest: " + passed + " passed, " + failed + " failed (" + blocking + " needed, marked *), "
                + skipped + " skipped: " + (fit ? "fit to run" : "NOT fit to run"));
    }

    /** The report as JSON: the field set docs/commands.md documents; keys are added, never renamed. */
    static ObjectNode json(List<Check> checks, boolean fit, Duration bound, Duration elapsed) {
        ObjectNode root = JSON.createObjectNode();
        root.put("fit", fit);
        root.put("boundMs", bound.toMillis());
        root.put("elapsedMs", elapsed.toMillis());
        ArrayNode array = root.putArray("checks");
        for (Check c : checks) {
            ObjectNode check = array.addObject().put("name", c.name()).put("status", c.status().name().toLowerCase(java.util.Locale.ROOT))
                    .put("needed", c.needed()).put("detail", c.detail());
            check.set("facts", JSON.valueToTree(c.facts()));
        }
        return root;
    }
}
