package io.limen.format.credential;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * An issuer public key the terminal trusts, decoded once at load so that verifying costs only the
 * signature check. Verification uses Bouncy Castle's lightweight API: the JDK's own Ed25519 and
 * ECDSA are 7–10× slower on the terminals' CPUs.
 *
 * <p>A key may be bound to one issuer ({@link #boundTo}): it is then trusted only for credentials
 * whose {@code iss} is exactly that issuer. An unbound key is trusted for any issuer.
 */
public final class TrustedKey {

    private static final int SIGNATURE_LENGTH = 64;

    private final KeyId keyId;
    private final CoseAlgorithm algorithm;
    private final AsymmetricKeyParameter publicKey;
    private final byte[] spki;
    private final Optional<String> issuer;

    private TrustedKey(KeyId keyId, CoseAlgorithm algorithm, AsymmetricKeyParameter publicKey, byte[] spki, Optional<String> issuer) {
        this.keyId = keyId;
        this.algorithm = algorithm;
        this.publicKey = publicKey;
        this.spki = spki;
        this.issuer = issuer;
    }

    /**
     * A key from its DER SubjectPublicKeyInfo: Ed25519, or EC on P-256. The kid is computed over the
     * DER re-encoding, so a BER-encoded input still gets the kid the issuer computed.
     */
    public static TrustedKey fromSpki(byte[] spkiBytes) {
        SubjectPublicKeyInfo info;
        byte[] der;
        try {
            info = SubjectPublicKeyInfo.getInstance(spkiBytes);
            der = info.getEncoded("DER");
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("public key must be a DER SubjectPublicKeyInfo: " + e.getMessage(), e);
        }
        ASN1ObjectIdentifier oid = info.getAlgorithm().getAlgorithm();
        CoseAlgorithm algorithm;
        if (oid.equals(EdECObjectIdentifiers.id_Ed25519)) {
            algorithm = CoseAlgorithm.EDDSA;
        } else if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)
                && X9ObjectIdentifiers.prime256v1.equals(info.getAlgorithm().getParameters())) {
            algorithm = CoseAlgorithm.ES256;
        } else {
            throw new IllegalArgumentException("public key must be Ed25519 or EC P-256, but was " + oid
                    + (oid.equals(X9ObjectIdentifiers.id_ecPublicKey) ? " on curve " + info.getAlgorithm().getParameters() : ""));
        }
        try {
            return new TrustedKey(KeyId.ofSpki(der), algorithm, PublicKeyFactory.createKey(info), der, Optional.empty());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("public key is not a valid " + algorithm + " key: " + e.getMessage(), e);
        }
    }

    /**
     * This key under another kid. Kids are 8 bytes of a hash, so two issuer keys share one only by
     * chance; tests use this to make them collide and check that the verifier tries every key.
     */
    TrustedKey withKeyId(KeyId otherKeyId) {
        return new TrustedKey(otherKeyId, algorithm, publicKey, spki, issuer);
    }

    /**
     * This key, trusted only for credentials of {@code iss}: 1..256 bytes of UTF-8 (what a credential's
     * iss may be), on one line, without leading or trailing blanks (it must survive a trust file's
     * {@code Issuer:} line).
     */
    public TrustedKey boundTo(String iss) {
        int bytes = iss.getBytes(StandardCharsets.UTF_8).length;
        if (bytes == 0 || bytes > Claims.MAX_TEXT_BYTES || !iss.equals(iss.strip()) || iss.lines().count() != 1) {
            throw new IllegalArgumentException("issuer must be 1.." + Claims.MAX_TEXT_BYTES
                    + " bytes of text on one line, without leading or trailing blanks, but was '" + iss + "' (" + bytes + " bytes)");
        }
        return new TrustedKey(keyId, algorithm, publicKey, spki, Optional.of(iss));
    }

    /** The one issuer this key is trusted for; empty: any issuer. */
    public Optional<String> issuer() {
        return issuer;
    }

    /** Whether credentials with claim {@code iss} may be signed by this key. */
    public boolean trustedFor(String iss) {
        return issuer.isEmpty() || issuer.get().equals(iss);
    }

    /** Whether {@code other} is the same public key (whatever its kid or issuer binding). */
    boolean sameKeyAs(TrustedKey other) {
        return Arrays.equals(spki, other.spki);
    }

    /**
     * The key as a trust file holds it: a PEM {@code PUBLIC KEY} block, preceded by an
     * {@code Issuer:} line when the key is bound (see {@link TrustStore#fromPem}).
     */
    public String toPem() {
        return issuer.map(iss -> TrustStore.ISSUER_LINE + " " + iss + "\n").orElse("") + Pem.write(TrustStore.PUBLIC_KEY, spki);
    }

    public KeyId keyId() {
        return keyId;
    }

    public CoseAlgorithm algorithm() {
        return algorithm;
    }

    /** The DER SubjectPublicKeyInfo. */
    public byte[] spki() {
        return spki.clone();
    }

    /** Whether {@code signature} over {@code message} is this key's, for {@code alg}. Never throws. */
    public boolean verifies(CoseAlgorithm alg, byte[] message, byte[] signature) {
        if (alg != algorithm || signature.length != SIGNATURE_LENGTH) {
            return false;
        }
        return switch (algorithm) {
            case EDDSA -> verifyEd25519(message, signature);
            case ES256 -> verifyEs256(message, signature);
        };
    }

    private boolean verifyEd25519(byte[] message, byte[] signature) {
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, (Ed25519PublicKeyParameters) publicKey);
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }

    /** COSE carries ES256 signatures as raw r‖s (RFC 9053 §2.1), never DER. */
    private boolean verifyEs256(byte[] message, byte[] signature) {
        byte[] hash = Sha256.of(message);
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, (ECPublicKeyParameters) publicKey);
        return verifier.verifySignature(hash, r, s);
    }

    @Override
    public String toString() {
        return "TrustedKey[" + algorithm + ", kid=" + keyId + issuer.map(iss -> ", issuer=" + iss).orElse("") + "]";
    }
}
