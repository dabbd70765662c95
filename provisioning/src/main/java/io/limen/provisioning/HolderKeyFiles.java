package io.limen.provisioning;

import io.limen.format.cose.Pem;
import io.limen.format.cose.SigningKey;
import io.limen.format.cose.VerifyingKey;
import io.limen.format.credential.HolderKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a holder's key files: the public key an issuer binds a credential to ({@code holder.pub}, a PEM
 * PUBLIC KEY), and the private key that signs dynamic codes ({@code holder.key}, owner-only PKCS#8 PEM,
 * which stays with the holder: an issuer never needs it). Every message names the file.
 */
final class HolderKeyFiles {

    static final String PRIVATE_FILE = "holder.key";
    static final String PUBLIC_FILE = "holder.pub";
    /** A PEM file is a few hundred bytes; anything far larger is not one. */
    private static final long MAX_BYTES = 64 * 1024;

    private HolderKeyFiles() {
    }

    /** @throws ProvisioningException naming the file: unreadable, a private key, or not an Ed25519 / P-256 public key */
    static HolderKey loadPublic(Path file) {
        List<Pem.Block> blocks;
        try {
            blocks = Pem.read(read(file, "the holder's public key"));
        } catch (IllegalArgumentException e) {
            throw new ProvisioningException(file + ": not a PEM public key file: " + e.getMessage());
        }
        if (blocks.stream().anyMatch(b -> b.label().contains("PRIVATE"))) {
            throw new ProvisioningException(file + ": holds a private key, but --holder-key takes the holder's PUBLIC key ("
                    + PUBLIC_FILE + " from 'holder-keys'): the private key stays with the holder");
        }
        List<Pem.Block> keys = blocks.stream().filter(b -> b.label().equals(Pem.PUBLIC_KEY)).toList();
        if (keys.size() != 1) {
            throw new ProvisioningException(file + ": must hold exactly one PUBLIC KEY block, but holds " + keys.size());
        }
        try {
            return HolderKey.of(VerifyingKey.fromSpki(keys.get(0).der()));
        } catch (IllegalArgumentException e) {
            throw new ProvisioningException(file + ": " + e.getMessage());
        }
    }

    /** @throws ProvisioningException naming the file: missing, open to others, or not an Ed25519 / P-256 PKCS#8 key */
    static SigningKey loadPrivate(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ProvisioningException(file + ": cannot read the holder key: " + (Files.exists(file) ? "not a regular file" : "no such file"));
        }
        IssuerKeyFile.checkOwnerOnly(file, "a holder key");
        try {
            return SigningKey.fromPem(read(file, "the holder key"), file.toString());
        } catch (IllegalArgumentException e) {
            throw new ProvisioningException(e.getMessage());
        }
    }

    private static String read(Path file, String what) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new ProvisioningException(file + ": " + what + " must be a PEM file of at most " + MAX_BYTES + " bytes, but is "
                        + Files.size(file));
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ProvisioningException(file + ": cannot read " + what + ": " + ProvisionCommand.reason(e));
        }
    }
}
