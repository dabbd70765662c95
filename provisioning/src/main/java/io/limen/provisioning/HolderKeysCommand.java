package io.limen.provisioning;

import io.limen.format.cose.SigningKey;
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

/**
 * {@code holder-keys}: makes a holder's key pair, as a phone app would in its secure storage; for tests,
 * demos and integrators. The public half goes to the issuer ({@code issue --holder-key}), the private
 * half signs dynamic codes ({@code present}).
 */
@Command(name = "holder-keys",
        headerHeading = "%n",
        header = "Create a holder's key pair, for dynamic codes.",
        description = {
            "Writes two files into the output directory:",
            "  holder.key  the holder's PRIVATE key (PKCS#8 PEM, readable by you only): it",
            "              signs the holder's dynamic codes ('present'). A phone app keeps",
            "              it in the phone's secure storage; it never goes to the issuer.",
            "  holder.pub  the PUBLIC key (PEM): give it to the issuer, who binds the",
            "              credential to it ('issue --holder-key holder.pub').",
            "Prints the key id (kid), which every dynamic code of this holder carries.",
            ""},
        sortOptions = false,
        mixinStandardHelpOptions = true)
final class HolderKeysCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--alg", paramLabel = "ALG", defaultValue = "ed25519",
            description = "Key type: ed25519 (default) or p256 (ECDSA P-256, what phones' secure hardware often holds).")
    private KeysCommand.KeyType type;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = ".",
            description = "Directory to write holder.key and holder.pub into; created (owner-only) if missing. Default: the current directory.")
    private Path outDir;

    @Option(names = "--force", description = "Replace holder.key and holder.pub if they exist. The old key is lost for good.")
    private boolean force;

    private final SecureRandom random;
    private final FileSet.Steps steps;

    HolderKeysCommand(SecureRandom random, FileSet.Steps steps) {
        this.random = random;
        this.steps = steps;
    }

    @Override
    public Integer call() throws IOException {
        SigningKey key = SigningKey.generate(type.algorithm, random);
        FileSet files = new FileSet(outDir, steps, note -> spec.commandLine().getErr().println(spec.qualifiedName() + ": " + note));
        List<String> names = List.of(HolderKeyFiles.PRIVATE_FILE, HolderKeyFiles.PUBLIC_FILE);
        files.recover(names);
        files.checkAbsent(names, force, "for a new pair, move it away or use --force (credentials bound to the old key"
                + " then need reissuing)");
        files.createPrivateDirectory();
        // Both files appear, or neither, like an issuer's pair.
        try (FileSet.Prepared pair = files.prepare(List.of(
                new FileSet.Entry(HolderKeyFiles.PRIVATE_FILE, key.toPem().getBytes(StandardCharsets.US_ASCII), FileSet.OWNER_ONLY),
                new FileSet.Entry(HolderKeyFiles.PUBLIC_FILE, key.verifyingKey().toPem().getBytes(StandardCharsets.US_ASCII),
                        FileSet.WORLD_READABLE)))) {
            pair.commit(force);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("kid      " + key.keyId().toHex());
        out.println("alg      " + type.label + " (COSE " + type.algorithm.id() + ")");
        out.println("private  " + outDir.resolve(HolderKeyFiles.PRIVATE_FILE).toAbsolutePath() + "  (secret: signs dynamic codes)");
        out.println("public   " + outDir.resolve(HolderKeyFiles.PUBLIC_FILE).toAbsolutePath() + "  (for the issuer: issue --holder-key)");
        out.flush();
        return 0;
    }
}
