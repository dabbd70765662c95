package io.limen.agent.cli;

import io.limen.agent.Checkpoint;
import io.limen.agent.ScanResult;
import io.limen.agent.camera.Frame;
import io.limen.agent.camera.ImageFrames;
import io.limen.format.credential.ClaimText;
import io.limen.format.credential.Claims;
import io.limen.format.credential.CredentialVerifier;
import io.limen.format.credential.TrustStore;
import io.limen.agent.decode.QrDecoder;
import io.limen.agent.policy.AccessPolicy;
import io.limen.agent.revocation.RevocationSet;
import io.limen.agent.revocation.RevocationStore;
import io.limen.agent.revocation.SqliteConnections;
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

    @Option(names = "--at", paramLabel = "TIME", converter = InstantConverter.class,
            description = "Judge validity at this instant instead of now (ISO-8601, e.g. 2027-01-31T08:00:00Z).")
    Instant at;

    @Option(names = "--revocations", paramLabel = "DB", description = "The terminal's SQLite revocation store to check against.")
    Path revocationsFile;

    @Option(names = "--zone", paramLabel = "ZONE", description = "Judge as an entrance of this zone (default: any zone).")
    String zone;

    @Option(names = "--clock-skew", paramLabel = "SECONDS", defaultValue = "60",
            description = "How far the clock may be off the issuer's (default: ${DEFAULT-VALUE}).")
    long clockSkewSeconds;

    @Override
    public Integer call() throws IOException {
        if (files.isEmpty() && texts.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "give at least one FILE or --text TEXT");
        }
        if (clockSkewSeconds < 0 || clockSkewSeconds > 3600) {
            throw new ParameterException(spec.commandLine(), "--clock-skew must be within 0..3600, but was " + clockSkewSeconds);
        }
        Optional<String> entranceZone = zone();
        TrustStore trust = loadTrust();
        RevocationSet revocations = loadRevocations();
        Checkpoint checkpoint = new Checkpoint(QrDecoder.forStillImages(),
                new CredentialVerifier(() -> trust, Duration.ofSeconds(clockSkewSeconds)),
                new AccessPolicy(() -> revocations, entranceZone));
        Instant now = at != null ? at : Instant.now();
        PrintWriter out = spec.commandLine().getOut();
        int unreadable = 0;
        for (Path file : files) {
            Frame frame;
            try {
                frame = ImageFrames.read(file);
            } catch (IOException e) {
                out.println(new JsonLine().field("file", file.toString()).field("error", e.getMessage()));
                unreadable++;
                continue;
            }
            out.println(describe(file.toString(), checkpoint.scan(frame, now)));
        }
        for (String text : texts) {
            out.println(describe(null, checkpoint.check(text, now)));
        }
        out.flush();
        return unreadable == 0 ? 0 : 1;
    }

    /**
     * A trust file that cannot be used is a runtime failure, not a usage error: its message (which names
     * the file, block and line) is the one line printed, exit 1, without the usage text.
     */
    private TrustStore loadTrust() throws IOException {
        return TrustStore.load(trustFile);
    }

    /** The zone as typed, in Unicode NFC, under the one rule for a credential's texts; a usage error otherwise. */
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

    private RevocationSet loadRevocations() {
        if (revocationsFile == null) {
            return RevocationSet.empty();
        }
        if (!Files.isRegularFile(revocationsFile)) {
            throw new ParameterException(spec.commandLine(), "--revocations " + revocationsFile + " does not exist");
        }
        // Read-only: scanning must never change the terminal's store, not even when it refuses it.
        return RevocationStore.readSnapshot(SqliteConnections.readOnly(revocationsFile));
    }

    static JsonLine describe(String file, ScanResult result) {
        Optional<Claims> claims = result.decision().credential().map(c -> c.claims());
        return new JsonLine()
                .field("file", file)
                .field("text", result.text().orElse(null))
                .field("decision", result.decision().granted() ? "granted" : "denied")
                .field("reason", result.decision().reason().code())
                .field("detail", result.decision().detail())
                .field("cti", claims.map(c -> c.id().toHex()).orElse(null))
                .field("issuer", claims.map(Claims::issuer).orElse(null))
                .field("subject", claims.map(Claims::subject).orElse(null))
                .object("ms", new JsonLine()
                        .millis("decode", result.times().decodeNanos())
                        .millis("verify", result.times().verifyNanos())
                        .millis("decide", result.times().decideNanos())
                        .millis("total", result.times().totalNanos()));
    }
}
