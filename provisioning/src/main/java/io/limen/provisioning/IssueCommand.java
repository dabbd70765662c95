package io.limen.provisioning;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.limen.format.credential.Claims;
import io.limen.format.credential.CredentialId;
import io.limen.format.credential.CredentialIssuer;
import io.limen.format.credential.CredentialVerifier;
import io.limen.format.credential.HolderKey;
import io.limen.format.credential.IssuerKey;
import io.limen.format.credential.TrustStore;
import io.limen.format.credential.Verification;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code issue}: signs one credential and writes it as a QR image and as text. */
@Command(name = "issue",
        headerHeading = "%n",
        header = "Issue (sign) one credential as a QR code.",
        description = {
            "Signs a credential with the issuer key and writes PREFIX.png (the QR code to",
            "print or send to the holder) and PREFIX.txt (the same code as text, LP1:...).",
            "Prints one JSON line with the credential id (cti) and its revocation key:",
            "keep it, it is what you need to revoke this credential later.",
            "",
            "Times are ISO-8601 with an offset: 2026-03-01T08:00:00Z (UTC) or",
            "2026-03-01T09:00+01:00. Durations are ISO-8601: P30D = 30 days,",
            "PT8H = 8 hours, P1DT12H = 36 hours.",
            "The credential is valid from --not-before (or now) until --expires, or for",
            "--valid-for counted from the later of --not-before and now.",
            "Default: valid for one day (P1D).",
            ""},
        sortOptions = false,
        mixinStandardHelpOptions = true)
final class IssueCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();


    static final Duration DEFAULT_VALIDITY = Duration.ofDays(1);
    /** What terminals accept: longer texts or more zones would be refused as bad_claims. */
    static final int MAX_TEXT_BYTES = Claims.MAX_TEXT_BYTES;
    static final int MAX_ZONES = Claims.MAX_ZONES;
    static final Instant LATEST_EXPIRY = Claims.LATEST_TIME;

    @Spec
    private CommandSpec spec;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "The issuer's private key file (issuer.key from 'keys').")
    private Path keyFile;

    @Option(names = "--issuer", required = true, paramLabel = "ISS",
            description = "Who issues: the same text for every credential of this issuer, e.g. https://acme.example")
    private String issuer;

    @Option(names = "--subject", required = true, paramLabel = "SUB",
            description = "Who holds it: a pseudonymous id (a badge or staff number), not a name.")
    private String subject;

    @Option(names = "--not-before", paramLabel = "TIME", converter = Converters.OffsetInstant.class,
            description = "First moment the credential opens doors. Default: now.")
    private Instant notBefore;

    @ArgGroup(exclusive = true)
    private Validity validity = new Validity();

    static final class Validity {
        @Option(names = "--expires", paramLabel = "TIME", converter = Converters.OffsetInstant.class,
                description = "Moment the credential stops opening doors.")
        Instant expires;

        @Option(names = "--valid-for", paramLabel = "DURATION", converter = Converters.PositiveDuration.class,
                description = "How long it is valid, instead of --expires. Default: P1D.")
        Duration validFor;
    }

    @Option(names = "--zone", paramLabel = "ZONE",
            description = "A zone it opens (repeat for several: --zone lobby --zone floor-3). None: every zone.")
    private List<String> zones = List.of();

    @Option(names = "--name", paramLabel = "NAME", description = "Name shown on the terminal's display, e.g. \"Ada L.\". Optional.")
    private String name;

    @Option(names = "--cti", paramLabel = "HEX", converter = Converters.Cti.class,
            description = "Credential id, 1 to 16 bytes in hex. Default: 16 random bytes (leave it so unless told otherwise).")
    private CredentialId cti;

    @Option(names = "--holder-key", paramLabel = "FILE",
            description = "Bind the credential to this holder's PUBLIC key (holder.pub from 'holder-keys'), put in its cnf claim:"
                    + " the holder can then show it as a dynamic code ('present'), which entrances with dynamic codes only require.")
    private Path holderKeyFile;

    @Option(names = "--out", required = true, paramLabel = "PREFIX",
            description = "Where to write: PREFIX.png and PREFIX.txt, e.g. --out badges/ada.")
    private String outPrefix;

    @Option(names = "--force", description = "Replace PREFIX.png and PREFIX.txt if they exist.")
    private boolean force;

    private final Clock clock;
    private final SecureRandom random;
    private final FileSet.Steps steps;

    IssueCommand(Clock clock, SecureRandom random, FileSet.Steps steps) {
        this.clock = clock;
        this.random = random;
        this.steps = steps;
    }

    @Override
    public Integer call() throws IOException {
        Claims claims = claims(clock.instant().truncatedTo(ChronoUnit.SECONDS));
        Path png = outPath(".png");
        Path txt = outPath(".txt");
        FileSet files = new FileSet(png.toAbsolutePath().getParent(), steps,
                note -> spec.commandLine().getErr().println(spec.qualifiedName() + ": " + note));
        List<String> names = List.of(png.getFileName().toString(), txt.getFileName().toString());
        files.recover(names);
        files.checkAbsent(names, force, "use --force to replace it");
        IssuerKey key = IssuerKeyFile.load(keyFile);

        String text = issue(key, claims);
        selfCheck(key, text, claims);
        byte[] image = QrImage.png(text);
        createDirectories(files.dir());

        ObjectNode line = JSON.createObjectNode()
                .put("cti", claims.id().toHex())
                .put("revocation_key", claims.revocationKey().toHex())
                .put("kid", key.keyId().toHex())
                .put("issuer", claims.issuer())
                .put("subject", claims.subject())
                .put("not_before", claims.notBefore().orElse(claims.issuedAt()).toString())
                .put("expires", claims.expiresAt().toString())
                .put("png", png.toString())
                .put("txt", txt.toString());
        claims.holderKey().ifPresent(holder -> line.put("holder_kid", holder.verifyingKey().keyId().toHex()));
        // The image, its text and the printed line (the only record of the revocation key) appear
        // together or not at all: the line is printed between writing the files and placing them.
        try (FileSet.Prepared credential = files.prepare(List.of(
                new FileSet.Entry(names.get(0), image, FileSet.WORLD_READABLE),
                new FileSet.Entry(names.get(1), text.getBytes(StandardCharsets.US_ASCII), FileSet.WORLD_READABLE)))) {
            PrintWriter out = spec.commandLine().getOut();
            out.println(line);
            if (out.checkError()) {
                throw new ProvisioningException("could not write to standard output (a full disk or a closed pipe?), so the"
                        + " credential was not kept: its revocation key would be lost; nothing was written");
            }
            try {
                credential.commit(force);
            } catch (IOException | RuntimeException e) {
                throw new ProvisioningException(ProvisionCommand.describeAny(e)
                        + "; nothing was written, and the line printed is of a credential that does not exist");
            }
        }
        return 0;
    }

    /** PREFIX + suffix as a path, or a usage error when PREFIX names no file or this system cannot name it. */
    private Path outPath(String suffix) {
        String last = outPrefix.substring(outPrefix.lastIndexOf('/') + 1);
        if (last.isEmpty() || last.equals(".") || last.equals("..")) {
            throw usage("--out must end in a file name to which .png and .txt are added, e.g. badges/ada, but was '" + outPrefix + "'");
        }
        try {
            return Path.of(outPrefix + suffix);
        } catch (InvalidPathException e) {
            throw usage("--out '" + outPrefix + "' cannot name a file here: " + e.getReason()
                    + " (file names are in the locale's charset, " + System.getProperty("sun.jnu.encoding") + ")");
        }
    }

    private static void createDirectories(Path dir) throws IOException {
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new ProvisioningException(e.getFile() + " exists but is not a directory");
        }
    }

    /** The claims from the options, or a usage error (exit 2) naming the option at fault. */
    private Claims claims(Instant now) {
        String issuer = Converters.claimText(spec.commandLine(), "--issuer", this.issuer);
        String subject = Converters.claimText(spec.commandLine(), "--subject", this.subject);
        String name = this.name == null ? null : Converters.claimText(spec.commandLine(), "--name", this.name);
        if (zones.size() > MAX_ZONES) {
            throw usage("--zone may be given at most " + MAX_ZONES + " times, but was given " + zones.size() + " times");
        }
        List<String> zones = this.zones.stream().map(zone -> Converters.claimText(spec.commandLine(), "--zone", zone)).toList();
        // CWT times are whole seconds; compare what will be signed, not what was typed.
        Instant notBefore = this.notBefore == null ? null : this.notBefore.truncatedTo(ChronoUnit.SECONDS);
        Instant start = notBefore != null && notBefore.isAfter(now) ? notBefore : now;
        Instant expires = expiry(start).truncatedTo(ChronoUnit.SECONDS);
        if (notBefore != null && !expires.isAfter(notBefore)) {
            throw usage("--expires (" + expires + ") must be after --not-before (" + notBefore + ")");
        }
        if (!expires.isAfter(now)) {
            throw usage("--expires (" + expires + ") must be in the future, but now is " + now);
        }
        if (expires.isAfter(LATEST_EXPIRY)) {
            throw usage("--expires must be at most " + LATEST_EXPIRY + ", but was " + expires);
        }
        CredentialId id = cti != null ? cti : randomId();
        Optional<HolderKey> holder = Optional.ofNullable(holderKeyFile).map(HolderKeyFiles::loadPublic);
        return new Claims(issuer, subject, now, Optional.ofNullable(notBefore), expires,
                id, holder, zones, Optional.ofNullable(name));
    }

    private Instant expiry(Instant start) {
        if (validity.expires != null) {
            return validity.expires;
        }
        Duration validFor = validity.validFor != null ? validity.validFor : DEFAULT_VALIDITY;
        if (validFor.compareTo(Duration.between(start, LATEST_EXPIRY)) > 0) {
            throw usage("--valid-for " + validFor + " ends after " + LATEST_EXPIRY + ", the latest expiry terminals accept");
        }
        return start.plus(validFor);
    }

    private CredentialId randomId() {
        byte[] bytes = new byte[CredentialId.MAX_LENGTH];
        random.nextBytes(bytes);
        return new CredentialId(bytes);
    }

    /**
     * The credential's QR text, or a usage error when the claims together are more than a credential
     * can carry: first the signed size terminals accept (checked before signing), then what one QR code
     * holds at the error correction {@link QrImage} uses.
     */
    private String issue(IssuerKey key, Claims claims) {
        String text;
        try {
            text = new CredentialIssuer(key).issue(claims);
        } catch (IllegalArgumentException e) {
            throw usage("--zone and --name: " + e.getMessage() + "; give fewer or shorter zones, or a shorter name");
        }
        if (text.length() > QrImage.MAX_TEXT_LENGTH) {
            throw usage("--zone and --name: the credential's QR text would be " + text.length() + " characters, but a QR code at"
                    + " error correction M holds at most " + QrImage.MAX_TEXT_LENGTH + "; give fewer or shorter zones, or a shorter name");
        }
        return text;
    }

    /** Verifies what was just signed, as a terminal would: a broken credential must never be handed out. */
    private static void selfCheck(IssuerKey key, String text, Claims claims) {
        CredentialVerifier verifier = new CredentialVerifier(() -> TrustStore.of(List.of(key.publicKey())), Duration.ZERO);
        Instant validFrom = claims.notBefore().filter(nbf -> nbf.isAfter(claims.issuedAt())).orElse(claims.issuedAt());
        Verification result = verifier.verify(text, validFrom);
        if (!(result instanceof Verification.Verified verified) || !verified.credential().claims().equals(claims)) {
            throw new IllegalStateException("the credential just issued does not verify as issued: " + result);
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
