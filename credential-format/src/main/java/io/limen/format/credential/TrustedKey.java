package io.limen.format.credential;

import io.limen.format.cose.CoseAlgorithm;
import io.limen.format.cose.KeyId;
import io.limen.format.cose.VerifyingKey;
import java.util.Objects;
import java.util.Optional;

/**
 * One listing of a trust file: an issuer public key the terminal trusts, and the one issuer it is
 * bound to ({@link #boundTo}), if any. A bound key is trusted only for credentials whose {@code iss} is
 * exactly that issuer; an unbound key for any issuer. The same key may be listed once per issuer.
 */
public final class TrustedKey {

    private final VerifyingKey key;
    private final KeyId keyId;
    private final Optional<String> issuer;

    private TrustedKey(VerifyingKey key, KeyId keyId, Optional<String> issuer) {
        this.key = key;
        this.keyId = keyId;
        this.issuer = issuer;
    }

    /** {@code key}, trusted for any issuer. */
    public static TrustedKey of(VerifyingKey key) {
        return new TrustedKey(Objects.requireNonNull(key, "key"), key.keyId(), Optional.empty());
    }

    /**
     * A key from a SubjectPublicKeyInfo in any valid encoding of an Ed25519 or P-256 key: kept, and
     * its kid computed, in the canonical encoding ({@link VerifyingKey#fromSpki}).
     */
    public static TrustedKey fromSpki(byte[] spkiBytes) {
        return of(VerifyingKey.fromSpki(spkiBytes));
    }

    /**
     * This key listed under another kid. Kids are 8 bytes of a hash, so two issuer keys share one only by
     * chance; tests use this to make them collide and check that the verifier tries every key.
     */
    TrustedKey withKeyId(KeyId otherKeyId) {
        return new TrustedKey(key, otherKeyId, issuer);
    }

    /**
     * This key, trusted only for credentials of {@code iss}.
     *
     * @throws IllegalArgumentException if {@code iss} breaks {@link ClaimText}'s rule (such an issuer
     *                                  could never match a credential's, nor survive a trust file's line)
     */
    public TrustedKey boundTo(String iss) {
        return new TrustedKey(key, keyId, Optional.of(ClaimText.require("issuer", iss)));
    }

    /** The one issuer this listing trusts the key for; empty: any issuer. */
    public Optional<String> issuer() {
        return issuer;
    }

    /** Whether this listing trusts the key for credentials with claim {@code iss}. */
    public boolean trustedFor(String iss) {
        return issuer.isEmpty() || issuer.get().equals(iss);
    }

    /**
     * The listing as a trust file holds it: a PEM {@code PUBLIC KEY} block of the canonical
     * SubjectPublicKeyInfo, preceded by an {@code Issuer:} line when the key is bound (see
     * {@link TrustStore#fromPem}).
     */
    public String toPem() {
        return issuer.map(iss -> TrustStore.ISSUER_LINE + " " + iss + "\n").orElse("") + key.toPem();
    }

    public VerifyingKey key() {
        return key;
    }

    /** The kid this key is listed under: its own, {@code key().keyId()}. */
    public KeyId keyId() {
        return keyId;
    }

    public CoseAlgorithm algorithm() {
        return key.algorithm();
    }

    /** The canonical DER SubjectPublicKeyInfo. */
    public byte[] spki() {
        return key.spki();
    }

    /** Whether {@code signature} over {@code message} is this key's, for {@code alg}. Never throws. */
    public boolean verifies(CoseAlgorithm alg, byte[] message, byte[] signature) {
        return key.verifies(alg, message, signature);
    }

    @Override
    public String toString() {
        return "TrustedKey[" + key.algorithm() + ", kid=" + keyId + issuer.map(iss -> ", issuer=" + iss).orElse("") + "]";
    }
}
