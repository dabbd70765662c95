package io.limen.provisioning;

import io.limen.format.credential.IssuerKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Reads an issuer's private key file for signing. Like OpenSSH with its private keys, a key file that
 * its group or others may access is refused, not used with a warning: whoever can read it can let
 * anyone in, and a warning scrolls past in a script. Every message names the file.
 */
final class IssuerKeyFile {

    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private IssuerKeyFile() {
    }

    /**
     * @throws ProvisioningException naming {@code file}: missing, not a regular file, open to others,
     *                               unreadable, or not an Ed25519 / P-256 PKCS#8 key (saying what it is)
     */
    static IssuerKey load(Path file) {
        if (!Files.exists(file)) {
            throw new ProvisioningException(file + ": cannot read the issuer key: no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw new ProvisioningException(file + ": cannot read the issuer key: not a regular file"
                    + (Files.isDirectory(file) ? " but a directory (give the key file, e.g. " + file.resolve(KeysCommand.KEY_FILE) + ")" : ""));
        }
        checkOwnerOnly(file, "an issuer key");
        try {
            return IssuerKey.load(file);
        } catch (IOException e) {
            throw new ProvisioningException(file + ": cannot read the issuer key: " + ProvisionCommand.reason(e));
        } catch (IllegalArgumentException e) {
            // Every message of the key reader starts with the file's name.
            throw new ProvisioningException(e.getMessage());
        }
    }

    /** Refuses a private key file its group or others may access, naming {@code what} it is ("a holder key"). */
    static void checkOwnerOnly(Path file, String what) {
        if (!FileSet.posix()) {
            return; // no modes to check (Windows): the folder's ACL is the owner's business
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (IOException e) {
            throw new ProvisioningException(file + ": cannot read the permissions of " + what + ": " + ProvisionCommand.reason(e));
        }
        Set<PosixFilePermission> open = EnumSet.noneOf(PosixFilePermission.class);
        open.addAll(permissions);
        open.retainAll(GROUP_OR_OTHERS);
        if (!open.isEmpty()) {
            throw new ProvisioningException(file + ": " + what + " must be accessible by its owner only, but its mode is "
                    + PosixFilePermissions.toString(permissions) + ": run chmod 600 " + file
                    + " (and if others could read it, treat the key as leaked: make a new one)");
        }
    }
}
