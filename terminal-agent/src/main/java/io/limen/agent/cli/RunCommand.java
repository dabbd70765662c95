package io.limen.agent.cli;

import io.limen.agent.Terminal;
import io.limen.agent.run.RunSignals;
import io.limen.agent.run.TerminalRun;
import io.limen.agent.run.LogLevels;
import io.limen.config.yaml.ConfigFile;
import io.limen.config.yaml.ConfigProblem;
import io.limen.config.yaml.LoadResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code run --config FILE}: the terminal, live, until SIGTERM. A config with problems is refused at
 * start with every problem listed (exit 2); SIGHUP reads it again and applies it only if it is valid.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = {
    "Run the terminal from its config file: read the camera, decide every code it sees, drive the gate, until SIGTERM.",
    "SIGTERM (systemctl stop): finish the scan in flight, return the outputs to safe, exit 0.",
    "SIGHUP (systemctl reload): read the config file again; a valid one takes effect from the next frame, an invalid one is "
        + "refused with its problems logged and the running configuration stays.",
    "",
    "Exit codes: 0 stopped in order; 1 the terminal could not start (a trust file, the camera, the GPIO); "
        + "2 bad arguments or a config with problems, every one listed."})
final class RunCommand implements Callable<Integer> {

    /** Created once the config's logging.level is applied (LogLevels), so that it applies here too. */
    private Logger log;

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", required = true, description = "The terminal's YAML config file.")
    Path config;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        LoadResult loaded = ConfigFile.load(config);
        if (loaded instanceof LoadResult.Invalid invalid) {
            invalid.problems().forEach(problem -> err.println(problem));
            err.println("run: " + invalid.problems().size() + (invalid.problems().size() == 1 ? " problem" : " problems")
                    + " in " + config + "; nothing started");
            err.flush();
            return 2;
        }
        LoadResult.Loaded valid = (LoadResult.Loaded) loaded;
        LogLevels.applyAtStart(valid.config().logging().level());
        log = LoggerFactory.getLogger(RunCommand.class);
        logEffective(valid.effective());
        try (LiveSeams seams = LiveSeams.open(valid.config())) {
            Terminal terminal = Terminal.assemble(valid.config(), seams.seams());
            TerminalRun run = new TerminalRun(terminal, seams.counters(), TerminalRun.Listener.NONE);
            CountDownLatch terminate = new CountDownLatch(1);
            RunSignals.install(terminate::countDown, () -> reload(run), run::stop);
            run.start();
            // Until SIGTERM, or until the source ends (a replay played out).
            while (!terminate.await(200, TimeUnit.MILLISECONDS) && !run.awaitEnd(Duration.ZERO)) {
                // waiting
            }
            run.stop();
        }
        return 0;
    }

    /** SIGHUP: the file again; applied whole from the next frame if valid, else refused with its problems. */
    private void reload(TerminalRun run) {
        LoadResult loaded = ConfigFile.load(config);
        switch (loaded) {
            case LoadResult.Invalid invalid -> {
                for (ConfigProblem problem : invalid.problems()) {
                    log.error("config: reload refused: {}", problem);
                }
                log.error("config: reload of {} refused ({} problems); the running configuration stays", config, invalid.problems().size());
            }
            case LoadResult.Loaded valid -> {
                try {
                    run.reload(valid.config());
                    log.info("config: reloaded {}; in effect from the next frame", config);
                    logEffective(valid.effective());
                } catch (Exception e) {
                    log.error("config: reload of {} refused: {}; the running configuration stays", config, e.toString());
                }
            }
        }
    }

    /** The effective configuration once, secrets masked, one journal line per line. */
    private void logEffective(String effective) {
        log.info("config: {} (effective, secrets masked):", config);
        effective.lines().forEach(line -> log.info("config:   {}", line));
    }
}
