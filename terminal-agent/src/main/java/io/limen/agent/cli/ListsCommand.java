package io.limen.agent.cli;

import io.limen.agent.lists.ListImport;
import io.limen.agent.lists.ListOutcome;
import io.limen.agent.lists.RevocationUpdates;
import io.limen.agent.lists.TrustListUpdates;
import io.limen.agent.revocation.RevocationIndex;
import io.limen.agent.revocation.SqliteConnections;
import io.limen.config.AgentConfig;
import io.limen.config.yaml.ConfigFile;
import io.limen.config.yaml.LoadResult;
import io.limen.format.credential.TrustStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lists}: the terminal's signed trust and revocation lists (docs/lists.md). {@code import} applies
 * list documents from files, in the order given (the chunks of a snapshot in their order), each
 * verified against the list-signing keys; one line per file says what became of it.
 */
@Command(name = "lists", mixinStandardHelpOptions = true, subcommands = ListsCommand.Import.class,
        description = "The terminal's signed trust and revocation lists (see docs/lists.md).")
final class ListsCommand {

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Apply signed list documents from files: revocation snapshots (and their chunks, in order),"
                    + " deltas and trust lists. A refused document changes nothing. Exit 1 if any was refused.")
    static final class Import implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--config", paramLabel = "FILE",
                description = "The terminal's config file: its revocation.database and credentials.trustFile.")
        Path config;

        @Option(names = "--db", paramLabel = "FILE", description = "The revocation store (instead of the config's).")
        Path database;

        @Option(names = "--trust-file", paramLabel = "FILE", description = "The trust file to write trust lists to (instead of the config's).")
        Path trustFile;

        @Option(names = "--signers", paramLabel = "FILE", required = true,
                description = "The list-signing public keys (PEM), not the issuer keys.")
        Path signers;

        @Parameters(paramLabel = "FILE", arity = "1..*", description = "The signed list documents, in order.")
        List<Path> files;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            Optional<AgentConfig> loaded = config == null ? Optional.empty() : Optional.of(load(config));
            Optional<Path> db = Optional.ofNullable(database).or(() -> loaded.flatMap(c -> c.revocation().database()));
            Optional<Path> trust = Optional.ofNullable(trustFile).or(() -> loaded.map(c -> c.credentials().trustFile()));
            if (db.isEmpty() && trust.isEmpty()) {
                throw new IllegalArgumentException("no revocation store and no trust file to import into: give --config, --db or --trust-file");
            }
            TrustStore signingKeys = TrustStore.load(signers);
            Instant now = Instant.now();
            int refused = 0;
            try (RevocationIndex index = db.map(file -> RevocationIndex.open(SqliteConnections.file(file), now)).orElse(null)) {
                ListImport lists = new ListImport(signingKeys::keysFor,
                        Optional.ofNullable(index).map(i -> new RevocationUpdates(i, applied -> { })),
                        trust.map(file -> new TrustListUpdates(file, signingKeys::keysFor)));
                for (Path file : files) {
                    ListOutcome outcome = lists.importFile(file, now);
                    refused += outcome instanceof ListOutcome.Refused ? 1 : 0;
                    out.println(file + ": " + outcome.describe());
                }
                Optional<ListOutcome.Refused> truncated = lists.finish();
                if (truncated.isPresent()) {
                    refused++;
                    out.println(truncated.get().describe());
                }
            }
            out.flush();
            return refused == 0 ? 0 : 1;
        }

        private static AgentConfig load(Path config) {
            return switch (ConfigFile.load(config)) {
                case LoadResult.Loaded loaded -> loaded.config();
                case LoadResult.Invalid invalid -> throw new IllegalArgumentException("config " + config + " has "
                        + invalid.problems().size() + " problem(s), the first: " + invalid.problems().get(0)
                        + "; 'limen agent config check " + config + "' lists them all");
            };
        }
    }
}
