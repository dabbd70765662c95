package io.limen.provisioning;

import io.limen.format.credential.CredentialId;
import io.limen.format.credential.RevocationKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code revoke}: adds a credential to the fleet's revocation list file (the one {@code publish-lists}
 * signs): by its revocation key, or by its issuer and credential id (the key is computed as terminals do).
 */
@Command(name = "revoke",
        headerHeading = "%n",
        header = "Add a credential to the revocation list file.",
        description = {"Appends its revocation key to --list (created if missing); publish with 'publish-lists'.", ""},
        sortOptions = false,
        mixinStandardHelpOptions = true)
final class RevokeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--list", required = true, paramLabel = "FILE", description = "The revocation list file (one key a line).")
    private Path list;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Which which;

    static final class Which {
        @Option(names = "--revocation-key", paramLabel = "HEX", description = "The revocation key, 32 hex digits.")
        String key;

        @ArgGroup(exclusive = false)
        ByCredential credential;
    }

    static final class ByCredential {
        @Option(names = "--issuer", required = true, paramLabel = "ISS", description = "The credential's issuer (iss).")
        String issuer;

        @Option(names = "--cti", required = true, paramLabel = "HEX", converter = Converters.Cti.class,
                description = "The credential id (cti), in hex.")
        CredentialId cti;
    }

    @Override
    public Integer call() throws IOException {
        RevocationKey key;
        if (which.key != null) {
            try {
                key = RevocationKey.fromHex(which.key);
            } catch (IllegalArgumentException e) {
                throw new ProvisioningException("--revocation-key must be 32 hex digits, but was " + which.key);
            }
        } else {
            key = RevocationKey.of(which.credential.issuer, which.credential.cti.bytes());
        }
        List<RevocationKey> keys = Files.exists(list) ? PublishListsCommand.readKeys(list) : new ArrayList<>();
        if (keys.contains(key)) {
            spec.commandLine().getOut().println(key + " already listed in " + list);
        } else {
            String before = Files.exists(list) ? Files.readString(list, StandardCharsets.UTF_8) : "";
            String separator = before.isEmpty() || before.endsWith("\n") ? "" : "\n";
            PublishListsCommand.writeWhole(list, (before + separator + key + "\n").getBytes(StandardCharsets.UTF_8));
            spec.commandLine().getOut().println(key + " added to " + list + " (" + (keys.size() + 1) + " keys)");
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
