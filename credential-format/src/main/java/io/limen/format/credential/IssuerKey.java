package io.limen.format.credential;

import io.limen.format.cose.CoseAlgorithm;
import io.limen.format.cose.KeyId;
import io.limen.format.cose.Pem;
import io.limen.format.cose.SigningKey;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * An issuer's signing key with its public half, and the trust file that goes with it. Lives on the
 * fleet side and in the demo; a terminal only ever holds {@link TrustedKey}s.
 */
public final class IssuerKey {

    private final SigningKey signingKey;
    private final TrustedKey publicKey;

    public IssuerKey(SigningKey signingKey) {
        this.signingKey = Objects.requireNonNull(signingKey, "signingKey");
        this.publicKey = TrustedKey.of(signingKey.verifyingKey());
    }

    public static IssuerKey generate(CoseAlgorithm algorithm, SecureRandom random) {
        return new IssuerKey(SigningKey.generate(algorithm, random));
    }

    /** Reads a key file's text; see {@link SigningKey#fromPem} for what is accepted and the messages. */
    public static IssuerKey fromPem(String pem, String source) {
        return new IssuerKey(SigningKey.fromPem(pem, source));
    }

    /** Reads a key file of at most {@link Pem#MAX_FILE_BYTES}; every message names the file. */
    public static IssuerKey load(Path file) throws IOException {
        return fromPem(Pem.readFile(file), file.toString());
    }

    public SigningKey signingKey() {
        return signingKey;
    }

    public TrustedKey publicKey() {
        return publicKey;
    }

    public CoseAlgorithm algorithm() {
        return signingKey.algorithm();
    }

    public KeyId keyId() {
        return signingKey.keyId();
    }

    /** The private key as PKCS#8 PEM; see {@link SigningKey#toPem()}. Write it only to a file readable by its owner. */
    public String toPem() {
        return signingKey.toPem();
    }

    /** The public key as SubjectPublicKeyInfo PEM: the trust file a terminal loads, the key trusted for any issuer. */
    public String publicKeyPem() {
        return publicKey.toPem();
    }

    /**
     * The trust file a terminal loads, the key bound to {@code issuer}: an {@code Issuer:} line, then the
     * SubjectPublicKeyInfo PEM. Terminals then refuse credentials of another issuer signed with it.
     *
     * @throws IllegalArgumentException if {@code issuer} breaks the {@link ClaimText} rule
     */
    public String publicKeyPem(String issuer) {
        return publicKey.boundTo(issuer).toPem();
    }

    /** Signs {@code message}; see {@link SigningKey#sign}. */
    public byte[] sign(byte[] message) {
        return signingKey.sign(message);
    }

    @Override
    public String toString() {
        return "IssuerKey[" + algorithm() + ", kid=" + keyId() + "]";
    }
}
