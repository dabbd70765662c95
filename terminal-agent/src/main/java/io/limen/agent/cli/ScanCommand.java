package io.limen.agent.cli;

import io.limen.cli.OffsetInstantConverter;
import io.limen.agent.Checkpoint;
import io.limen.agent.Terminal;
import io.limen.agent.camera.Frame;
import io.limen.agent.cli.image.ImageFrames;
import io.limen.agent.cli.image.InputFiles;
import io.limen.agent.decode.QrDecoder;
import io.limen.agent.lists.ListSnapshot;
import io.limen.agent.revocation.SqliteConnections;
import io.limen.agent.time.TimeReading;
import io.limen.config.AgentConfig;
import io.limen.config.CredentialsConfig;
import io.limen.config.RevocationConfig;
import io.limen.config.TerminalConfig;
import io.limen.format.credential.ClaimText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code scan}: checks codes in image files (or given as text) through the same decoder, verifier
 * and policy the live terminal uses, and prints one JSON line per code. A denial is an answer, not an
 * error: the exit code is 0 unless the command could not do what was asked.
 */
@Command(name = "scan", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
            "Check QR codes in image files (PNG/JPEG) exactly as the terminal would, and print one JSON line per "
                + "image: file, decoded text, decision (granted/denied), reason code, credential id, issuer, subject, "
                + "and the time each stage took (ms).",
            "",
            "Exit code 0 even when access is denied; 1 when an image could not be read; 2 for bad options."})
final class ScanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "PNG or JPEG images to decode and check.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--trust", paramLabel = "FILE", required = true,
            description = "Issuer public keys: one or more SubjectPublicKeyInfo PEM blocks (as 'limen provision keys' or openssl writes them).")
    Path trustFile;

    @Option(names = "--text", paramLabel = "TEXT", description = "Check a code's text without an image (repeatable).")
    List<String> texts = new ArrayList<>();

    @Option(names = "--at", paramLabel = "TIME", converter = OffsetInstantConverter.class,
            description = "Judge validity at this instant instead of now (ISO-8601, e.g. 2027-01-31T08:00:00Z).")
    Instant at;

    @Option(names = "--revocations", paramLabel = "DB", description = "The terminal's SQLite revocation store to check against.")
    Path revocationsFile;

    @Option(names = "--zone", paramLabel = "ZONE", description = "Judge as an entrance of this zone (default: any zone).")
    String zone;

    @Option(names = "--as-camera",
            description = "Decode each image exactly as the live camera path decodes a frame (its grey plane, the finder "
                + "pre-scan, no still-image fallbacks): would the terminal read this photo?")
    boolean asCamera;

    @Option(names = "--clock-skew", paramLabel = "SECONDS", defaultValue = "60",
            description = "How far the clock may be off the issuer's (default: ${DEFAULT-VALUE}).")
    long clockSkewSeconds;

    @Override
    public Integer call() throws IOException {
        if (files.isEmpty() && texts.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "give at least one FILE or --text TEXT");
        }
        AgentConfig config = config();
        TimeReading now = TimeReading.trusted(at != null ? at : Instant.now());
        ListSnapshot lists = loadLists(config, now);
        // A photo is looked at once, so by default it gets every try; --as-camera gives it only what a frame gets.
        QrDecoder decoder = asCamera ? new QrDecoder(config.decoder().tryHarder()) : QrDecoder.forStillImages();
        Checkpoint checkpoint = Terminal.checkpoint(config, decoder, () -> lists, () -> now, System::nanoTime);
        PrintWriter out = spec.commandLine().getOut();
        int unreadable = 0;
        for (Path file : files) {
            Frame frame;
            try {
                frame = ImageFrames.read(file);
            } catch (IOException e) {
                out.println(ScanJson.error(file.toString(), e.getMessage()));
                unreadable++;
                continue;
            }
            out.println(ScanJson.describe(file.toString(), checkpoint.scan(frame)));
        }
        for (String text : texts) {
            out.println(ScanJson.describe(null, checkpoint.check(text)));
        }
        out.flush();
        return unreadable == 0 ? 0 : 1;
    }

    /** The options as the terminal's configuration; the records' checks are the options' checks. */
    private AgentConfig config() {
        Optional<String> entranceZone = zone();
        try {
            return AgentConfig.defaults(trustFile)
                    .withTerminal(TerminalConfig.ofZone(entranceZone))
                    .withCredentials(new CredentialsConfig(trustFile, Duration.ofSeconds(clockSkewSeconds)))
                    .withRevocation(revocationsFile == null ? RevocationConfig.NONE : RevocationConfig.at(revocationsFile));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), optionOf(e.getMessage()));
        }
    }

    /** "credentials.clockSkew must be ..." becomes "--clock-skew must be ...": name what the person typed. */
    private static String optionOf(String message) {
        return message.replace("credentials.clockSkew", "--clock-skew").replace("terminal.zone", "--zone");
    }

    /**
     * The lists as the terminal loads them, but the store opened read-only: scanning must never change the
     * terminal's store, not even when it refuses it. A trust file or store that cannot be used (missing, a
     * directory, a FIFO, not a list) is a runtime failure, not a usage error: its message naming the file
     * is the one line printed, exit 1, without the usage text.
     */
    private ListSnapshot loadLists(AgentConfig config, TimeReading now) throws IOException {
        // Said before either is opened: a FIFO would block the read for ever, a directory read as an I/O error.
        Optional<String> trustProblem = Files.exists(trustFile) ? InputFiles.problem(trustFile, Long.MAX_VALUE) : Optional.empty();
        if (trustProblem.isPresent()) {
            throw new IOException("--trust " + trustFile + ": " + trustProblem.get());
        }
        Optional<String> storeProblem = revocationsFile == null ? Optional.empty() : InputFiles.problem(revocationsFile, Long.MAX_VALUE);
        if (storeProblem.isPresent()) {
            throw new IOException("--revocations " + revocationsFile + ": " + storeProblem.get());
        }
        return Terminal.loadLists(config, SqliteConnections::readOnly, () -> now);
    }

    /**
     * The zone as typed, in Unicode NFC, under the one rule for a credential's texts
     * ({@link ClaimText}); a usage error otherwise.
     */
    private Optional<String> zone() {
        if (zone == null) {
            return Optional.empty();
        }
        String normalized = ClaimText.normalize(zone);
        ClaimText.problem(normalized).ifPresent(problem -> {
            throw new ParameterException(spec.commandLine(), "--zone must be " + ClaimText.RULE + ", but " + problem
                    + ": " + ClaimText.shown(normalized));
        });
        return Optional.of(normalized);
    }
}
