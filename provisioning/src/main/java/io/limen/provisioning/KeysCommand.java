package io.limen.provisioning;

import io.limen.format.cose.CoseAlgorithm;
import io.limen.format.credential.ClaimText;
import io.limen.format.credential.IssuerKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code keys}: makes a new issuer key pair, the private key for issuing and the trust file for terminals. */
@Command(name = "keys",
        headerHeading = "%n",
        header = "Create a new issuer key pair.",
        description = {
            "Writes two files into the output directory:",
            "  issuer.key  the PRIVATE signing key (PKCS#8 PEM, readable by you only).",
            "              Keep it secret and backed up: whoever has it can let anyone in.",
            "  trust.pem   the PUBLIC key (PEM). Copy it to every terminal that must accept",
            "              credentials signed with this key. It is not secret.",
            "              With --issuer, an 'Issuer: ISS' line before the key binds it to",
            "              that issuer: terminals then refuse credentials of any other issuer",
            "              signed with it (untrusted_issuer). Recommended whenever terminals",
            "              trust more than one issuer's key.",
            "Prints the key id (kid), which terminals and logs use to name the key.",
            ""},
        sortOptions = false,
        mixinStandardHelpOptions = true)
final class KeysCommand implements Callable<Integer> {

    static final String KEY_FILE = "issuer.key";
    static final String TRUST_FILE = "trust.pem";

    /** The key types a technician chooses from, named as people say them. */
    enum KeyType {
        ED25519(CoseAlgorithm.EDDSA, "Ed25519"),
        P256(CoseAlgorithm.ES256, "ECDSA P-256");

        final CoseAlgorithm algorithm;
        final String label;

        KeyType(CoseAlgorithm algorithm, String label) {
            this.algorithm = algorithm;
            this.label = label;
        }
    }

    @Spec
    private CommandSpec spec;

    @Option(names = "--alg", paramLabel = "ALG", defaultValue = "ed25519",
            description = "Key type: ed25519 (default; small, fast) or p256 (ECDSA P-256, for tools that lack Ed25519).")
    private KeyType type;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = ".",
            description = "Directory to write issuer.key and trust.pem into; created (owner-only) if missing. Default: the current directory.")
    private Path outDir;

    @Option(names = "--issuer", paramLabel = "ISS",
            description = "Bind the key to this issuer in trust.pem: the --issuer you will give 'issue', e.g. https://acme.example.")
    private String issuer;

    @Option(names = "--force", description = "Replace issuer.key and trust.pem if they exist. The old key is lost for good.")
    private boolean force;

    private final SecureRandom random;
    private final FileSet.Steps steps;

    KeysCommand(SecureRandom random, FileSet.Steps steps) {
        this.random = random;
        this.steps = steps;
    }

    @Override
    public Integer call() throws IOException {
        Path keyFile = outDir.resolve(KEY_FILE);
        Path trustFile = outDir.resolve(TRUST_FILE);
        IssuerKey key = IssuerKey.generate(type.algorithm, random);
        String trust = trustPem(key);
        FileSet files = new FileSet(outDir, steps,
                note -> spec.commandLine().getErr().println(spec.qualifiedName() + ": " + note));
        List<String> names = List.of(KEY_FILE, TRUST_FILE);
        files.recover(names);
        files.checkAbsent(names, force, "to keep that key, make its trust file again (openssl pkey -in issuer.key -pubout"
                + " -out trust.pem, with the 'Issuer:' line before it if it had one); for a new pair, move it away or use --force");
        files.createPrivateDirectory();

        // Both files appear, or neither: a key without its trust file (or the reverse) is of no use.
        try (FileSet.Prepared pair = files.prepare(List.of(
                new FileSet.Entry(KEY_FILE, key.toPem().getBytes(StandardCharsets.US_ASCII), FileSet.OWNER_ONLY),
                new FileSet.Entry(TRUST_FILE, trust.getBytes(StandardCharsets.UTF_8), FileSet.WORLD_READABLE)))) {
            pair.commit(force);
        }

        PrintWriter out = spec.commandLine().getOut();
        out.println("kid      " + key.keyId().toHex());
        out.println("alg      " + type.label + " (COSE " + type.algorithm.id() + ")");
        out.println("issuer   " + (issuer == null ? "any (not bound; --issuer binds it)" : issuer));
        out.println("private  " + keyFile.toAbsolutePath() + "  (secret: signs credentials)");
        out.println("trust    " + trustFile.toAbsolutePath() + "  (public: copy to the terminals)");
        out.flush();
        return 0;
    }

    /**
     * The trust file's text. The issuer as typed, in Unicode NFC, under the same rule as {@code issue
     * --issuer} and terminals ({@link ClaimText}); a bad one is a usage error before any file is written.
     */
    private String trustPem(IssuerKey key) {
        if (issuer == null) {
            return key.publicKeyPem();
        }
        issuer = Converters.claimText(spec.commandLine(), "--issuer", issuer);
        return key.publicKeyPem(issuer);
    }
}
