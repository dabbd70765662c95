package io.limen.agent.cli;

import java.util.Optional;
import java.io.IOException;
import io.limen.agent.cli.image.InputFiles;
import io.limen.cli.OffsetInstantConverter;
import io.limen.agent.revocation.SqliteConnections;
import io.limen.agent.scanlog.Outbox;
import io.limen.agent.scanlog.OutboxException;
import io.limen.agent.scanlog.ScanRecord;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.Callable;
import io.limen.config.yaml.ConfigFile;
import io.limen.config.yaml.LoadResult;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code log}: the scan log for local inspection, read-only, beside a running terminal (SQLite's WAL lets
 * a reader in while the writer writes). One JSON line per scan, oldest first; exit 1 when the file cannot
 * be read (missing, damaged, locked, newer schema), with one line saying why.
 */
@Command(name = "log", mixinStandardHelpOptions = true, subcommands = {LogCommand.Tail.class, LogCommand.Export.class},
        description = "Read the terminal's scan log: one JSON line per decided scan (see docs/telemetry.md).")
final class LogCommand {

    /** Which scan log: the options every {@code log} command takes, one of the two. */
    static final class Source {

        @ArgGroup(exclusive = true, multiplicity = "1")
        Which which;

        @Spec(Spec.Target.MIXEE)
        CommandSpec spec;

        static final class Which {
            @Option(names = "--db", paramLabel = "FILE", description = "The scan log file.")
            Path database;

            @Option(names = "--config", paramLabel = "FILE", description = "The terminal's config file: its scanlog.database.")
            Path config;
        }

        /** The scan log file named, directly or by the config file. */
        Path database() throws OutboxException {
            if (which.database != null) {
                return which.database;
            }
            return switch (ConfigFile.load(which.config)) {
                case LoadResult.Loaded loaded -> loaded.config().scanLog().database().orElseThrow(() -> new IllegalArgumentException(
                        "config " + which.config + " names no scan log (scanlog.database); give the file with --db"));
                case LoadResult.Invalid invalid -> throw new IllegalArgumentException("config " + which.config + " has "
                        + invalid.problems().size() + " problem(s), the first: " + invalid.problems().get(0)
                        + "; 'limen agent config check " + which.config + "' lists them all");
            };
        }

        /** Runs {@code action} on the outbox opened to read, then flushes what it printed. */
        int read(Reader action) throws OutboxException, SQLException, IOException {
            PrintWriter out = spec.commandLine().getOut();
            Path file = database();
            // Said before SQLite opens it, as scan does: SQLite's own words for a missing file are a guess.
            Optional<String> problem = InputFiles.problem(file, Long.MAX_VALUE);
            if (problem.isPresent()) {
                throw new IOException("scan log " + file + ": " + problem.get());
            }
            try (Outbox outbox = Outbox.openToRead(SqliteConnections.readOnly(file))) {
                action.read(outbox, out);
            }
            out.flush();
            return 0;
        }
    }

    @FunctionalInterface
    interface Reader {
        void read(Outbox outbox, PrintWriter out) throws SQLException;
    }

    @Command(name = "tail", mixinStandardHelpOptions = true, description = "Print the last N scans, oldest first.")
    static final class Tail implements Callable<Integer> {

        @Mixin
        Source source;

        @Option(names = "-n", paramLabel = "N", defaultValue = "10", description = "How many scans (1..100000, default: ${DEFAULT-VALUE}).")
        int count;

        @Override
        public Integer call() throws Exception {
            if (count < 1 || count > 100_000) {
                throw new ParameterException(source.spec.commandLine(), "-n must be within 1..100000, but was " + count);
            }
            return source.read((outbox, out) -> {
                for (ScanRecord row : outbox.tail(count)) {
                    out.println(LogJson.describe(row));
                }
            });
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Print every scan decided at or after TIME (by the terminal's clock then), in sequence order.")
    static final class Export implements Callable<Integer> {

        @Mixin
        Source source;

        @Option(names = "--since", paramLabel = "TIME", required = true, converter = OffsetInstantConverter.class,
                description = "ISO-8601 with an offset, e.g. 2027-01-31T08:00:00Z.")
        Instant since;

        @Override
        public Integer call() throws Exception {
            return source.read((outbox, out) -> outbox.forEachSince(since, row -> out.println(LogJson.describe(row))));
        }
    }
}
