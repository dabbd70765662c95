package io.limen.benchmarks.fleet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The fleet simulator (docs/surge.md): runs a scenario once per design against a real mosquitto and
 * writes {@code surge.csv}, {@code attempts.png}, {@code messages.png} and {@code summary.txt} to the
 * output folder.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.limen.benchmarks.fleet.FleetSim
 *      [--scenario FILE.json] [--terminals N] [--designs limen,paho-default,per-scan] [--out DIR] [--work DIR]
 * </pre>
 * {@code --work} holds the brokers' files and the outboxes (default: a new folder under /dev/shm when
 * there is one, so a thousand outbox files do not queue behind one shared disk).
 */
public final class FleetSim {

    private FleetSim() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        // A thousand terminals each saying "connection lost" is the scenario, not news: errors only.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
        Scenario scenario = Scenario.builtIn();
        List<Design> designs = List.of(Design.values());
        Path out = Path.of("target", "fleet-sim", DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now()));
        Path work = null;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--scenario" -> scenario = Scenario.read(Path.of(required(args[i], value)));
                case "--terminals" -> scenario = scenario.withTerminals(Integer.parseInt(required(args[i], value)));
                case "--designs" -> designs = Arrays.stream(required(args[i], value).split(",")).map(Design::of).toList();
                case "--out" -> out = Path.of(required(args[i], value));
                case "--work" -> work = Path.of(required(args[i], value));
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; options: --scenario FILE --terminals N --designs limen,paho-default,per-scan --out DIR --work DIR");
            }
            i++;
        }
        Files.createDirectories(out);
        if (work == null) {
            Path shm = Path.of("/dev/shm");
            work = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "limen-fleet-")
                    : Files.createTempDirectory("limen-fleet-");
        }
        List<FleetRun.Result> results = run(scenario, designs, work, out);
        System.out.print(Files.readString(out.resolve("summary.txt")));
        System.out.println("written to " + out.toAbsolutePath());
        boolean ok = results.stream().allMatch(r -> r.lost() == 0 && r.duplicatesAfterDedup() == 0);
        System.exit(ok ? 0 : 1);
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    /** Runs every design in turn and writes the CSV, charts and summary to {@code out}. */
    static List<FleetRun.Result> run(Scenario scenario, List<Design> designs, Path work, Path out) throws Exception {
        List<FleetRun.Result> results = new ArrayList<>();
        for (Design d : designs) {
            results.add(FleetRun.run(d, scenario, work.resolve(d.label()), System.out));
            System.gc();
        }
        SurgeReport.csv(results, out.resolve("surge.csv"));
        SurgeReport.chart(results, "Connection attempts per second (" + scenario.terminals() + " terminals)", "attempts/s",
                FleetMeter.Second::attempts, out.resolve("attempts.png"));
        SurgeReport.chart(results, "Scan messages per second at the consumer (" + scenario.terminals() + " terminals)", "messages/s",
                FleetMeter.Second::consumerMessages, out.resolve("messages.png"), true);
        Files.writeString(out.resolve("summary.txt"), SurgeReport.summary(results));
        return results;
    }
}
