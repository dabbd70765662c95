package io.limen.provisioning;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.limen.format.cose.SigningKey;
import io.limen.format.credential.Presenter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code present}: what a holder's phone app does, for tests, demos and integrators: a fresh dynamic
 * code ({@code LQ1:}) of a credential bound to the holder's key, signed now, as PNG and text, or a new
 * one every few seconds drawn in the terminal.
 */
@Command(name = "present",
        headerHeading = "%n",
        header = "Show a credential as a dynamic code (LQ1:), as a holder's app does.",
        description = {
            "Signs [credential, now, 8 random bytes] with the holder's private key and writes",
            "PREFIX.png and PREFIX.txt (LQ1:...). Terminals accept it for the presentation",
            "window (30 s by default) and only once: show it within that time.",
            "With --watch, draws a fresh code in this terminal every SECONDS instead, until",
            "interrupted (Ctrl-C), like the holder's app; point the terminal's camera at it.",
            "The credential must have been issued with --holder-key of this key's holder.pub.",
            ""},
        sortOptions = false,
        mixinStandardHelpOptions = true)
final class PresentCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A credential text file is a line of at most 4,296 characters; more is not one. */
    private static final long MAX_CREDENTIAL_BYTES = 8 * 1024;

    @Spec
    private CommandSpec spec;

    @Option(names = "--credential", required = true, paramLabel = "FILE",
            description = "The credential's text file (PREFIX.txt from 'issue', LP1:...).")
    private Path credentialFile;

    @Option(names = "--holder-key", required = true, paramLabel = "FILE", description = "The holder's private key (holder.key from 'holder-keys').")
    private Path holderKeyFile;

    @Option(names = "--out", paramLabel = "PREFIX", description = "Write PREFIX.png and PREFIX.txt (replacing them: a code is good for seconds).")
    private String outPrefix;

    @Option(names = "--watch", paramLabel = "SECONDS", arity = "0..1", fallbackValue = "5",
            description = "Draw a fresh code in the terminal every SECONDS (default 5, 1..60) instead of writing files.")
    private Integer watchSeconds;

    @Option(names = "--count", paramLabel = "N", hidden = true, description = "With --watch: stop after N codes (for tests).")
    private Integer count;

    private final Clock clock;
    private final SecureRandom random;
    private final Sleeper sleeper;

    /** How {@code --watch} waits between codes; a test passes one that only counts. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    PresentCommand(Clock clock, SecureRandom random, Sleeper sleeper) {
        this.clock = clock;
        this.random = random;
        this.sleeper = sleeper;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if ((outPrefix == null) == (watchSeconds == null)) {
            throw usage("give either --out PREFIX (write a code) or --watch (draw codes in the terminal)");
        }
        if (watchSeconds != null && (watchSeconds < 1 || watchSeconds > 60)) {
            throw usage("--watch must be 1..60 seconds, but was " + watchSeconds);
        }
        SigningKey holderKey = HolderKeyFiles.loadPrivate(holderKeyFile);
        Presenter presenter;
        try {
            presenter = new Presenter(readCredential(), holderKey);
        } catch (IllegalArgumentException e) {
            throw new ProvisioningException(credentialFile + ": " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (watchSeconds == null) {
            return writeOnce(presenter, out);
        }
        for (int shown = 0; count == null || shown < count; shown++) {
            Instant now = clock.instant();
            String code = presenter.present(now, random);
            // Clear the screen and draw from the top, so the code stays where the camera looks.
            out.print("\u001b[H\u001b[2J");
            out.print(TerminalQr.render(code));
            out.println("signed " + Instant.ofEpochSecond(now.getEpochSecond()) + "; a new code every " + watchSeconds + " s (Ctrl-C stops)");
            out.flush();
            if (count == null || shown + 1 < count) {
                sleeper.sleep(Duration.ofSeconds(watchSeconds));
            }
        }
        return 0;
    }

    private int writeOnce(Presenter presenter, PrintWriter out) throws IOException {
        Instant now = clock.instant();
        String code = presenter.present(now, random);
        Path png = Path.of(outPrefix + ".png");
        Path txt = Path.of(outPrefix + ".txt");
        FileSet files = new FileSet(png.toAbsolutePath().getParent(), FileSet.Steps.NONE,
                note -> spec.commandLine().getErr().println(spec.qualifiedName() + ": " + note));
        List<String> names = List.of(png.getFileName().toString(), txt.getFileName().toString());
        files.recover(names);
        Files.createDirectories(files.dir());
        try (FileSet.Prepared shown = files.prepare(List.of(
                new FileSet.Entry(names.get(0), QrImage.png(code), FileSet.WORLD_READABLE),
                new FileSet.Entry(names.get(1), code.getBytes(StandardCharsets.US_ASCII), FileSet.WORLD_READABLE)))) {
            shown.commit(true);
        }
        out.println(JSON.createObjectNode()
                .put("signed_at", Instant.ofEpochSecond(now.getEpochSecond()).toString())
                .put("kid", holderKey(presenter))
                .put("png", png.toString())
                .put("txt", txt.toString()));
        out.flush();
        return 0;
    }

    private String holderKey(Presenter presenter) {
        return presenter.holderKeyId().toHex();
    }

    private String readCredential() {
        try {
            if (Files.size(credentialFile) > MAX_CREDENTIAL_BYTES) {
                throw new ProvisioningException(credentialFile + ": a credential's text file is one line of at most 4296 characters, but this is "
                        + Files.size(credentialFile) + " bytes");
            }
            return Files.readString(credentialFile, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new ProvisioningException(credentialFile + ": cannot read the credential: " + ProvisionCommand.reason(e));
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
