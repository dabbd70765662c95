package io.limen.format.credential;

import io.limen.format.cose.CoseSign1;
import io.limen.format.cose.KeyId;
import io.limen.format.cose.SigningKey;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Objects;

/**
 * The holder's side of a dynamic code: shows a credential bound to the holder's key ({@code cnf}) as
 * {@code LQ1:} + Base45 of a COSE_Sign1 signed by that key over {@code [credential, t, nonce]}
 * (docs/credential-format.md §9). A phone app does this every few seconds; {@code limen provision
 * present}, the demo and tests do it through this class.
 */
public final class Presenter {

    private final byte[] credential;
    private final SigningKey holderKey;

    /**
     * @param credentialText the credential as issued ({@code LP1:}...), bound to {@code holderKey}
     * @throws IllegalArgumentException when the text is no credential this format reads, names no holder
     *                                  key, or names another holder key than {@code holderKey}
     */
    public Presenter(String credentialText, SigningKey holderKey) {
        this.holderKey = Objects.requireNonNull(holderKey, "holderKey");
        Objects.requireNonNull(credentialText, "credentialText");
        if (!credentialText.startsWith(CredentialVerifier.STATIC_PREFIX)) {
            throw new IllegalArgumentException("a credential to present must start with " + CredentialVerifier.STATIC_PREFIX);
        }
        try {
            this.credential = CredentialVerifier.payloadBytes(credentialText, CredentialVerifier.STATIC_PREFIX.length());
        } catch (CredentialRefusal refusal) {
            throw new IllegalArgumentException("the credential text is not readable (" + refusal.reason() + "): " + refusal.getMessage());
        }
        HolderKey bound = CredentialVerifier.unverifiedClaims(credential).holderKey().orElseThrow(() -> new IllegalArgumentException(
                "the credential names no holder key (cnf): issue it with --holder-key to present it as a dynamic code"));
        if (!bound.verifyingKey().equals(holderKey.verifyingKey())) {
            throw new IllegalArgumentException("the credential is bound to holder key " + bound.verifyingKey().keyId()
                    + ", but the key given is " + holderKey.keyId());
        }
    }

    /** The kid every code of this holder carries. */
    public KeyId holderKeyId() {
        return holderKey.keyId();
    }

    /** A fresh code signed at {@code now} (whole seconds) with 8 nonce bytes from {@code random}. */
    public String present(Instant now, SecureRandom random) {
        byte[] nonce = new byte[Presentation.NONCE_LENGTH];
        random.nextBytes(nonce);
        return present(now, nonce);
    }

    /** A code signed at {@code signedAt} (truncated to whole seconds) with this nonce: for fixed examples and tests. */
    public String present(Instant signedAt, byte[] nonce) {
        byte[] payload = PresentationPayload.encode(credential, Instant.ofEpochSecond(signedAt.getEpochSecond()), nonce);
        return CredentialVerifier.DYNAMIC_PREFIX + Base45.encode(CoseSign1.sign(holderKey, payload));
    }
}
