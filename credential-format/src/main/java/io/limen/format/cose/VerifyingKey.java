package io.limen.format.cose;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;

/**
 * A public key that verifies COSE signatures: Ed25519, or EC on P-256. Decoded once, so that verifying
 * costs only the signature check, with Bouncy Castle's lightweight API (the JDK's own Ed25519 and ECDSA
 * are 5–8× slower).
 *
 * <p>One key, one encoding: whatever SubjectPublicKeyInfo it came in (a compressed or hybrid P-256
 * point, BER instead of DER, Ed25519 with NULL parameters), the key is re-encoded in the canonical form
 * (DER; P-256 as {@code id-ecPublicKey} naming {@code prime256v1} with the uncompressed point; Ed25519
 * with absent parameters, RFC 8410). Its kid is hashed over that form, and two keys are
 * {@link #equals equal} exactly when their canonical forms are.
 */
public final class VerifyingKey {

    /** A COSE_Key coordinate: Ed25519's public key, or one of a P-256 point's affine coordinates. */
    public static final int COORDINATE_LENGTH = 32;

    private final CoseAlgorithm algorithm;
    private final AsymmetricKeyParameter publicKey;
    private final byte[] spki;
    private final KeyId keyId;
    /** Keys are looked up per scan (issuer bindings): hash the 44–91 bytes once. */
    private final int hash;

    private VerifyingKey(CoseAlgorithm algorithm, AsymmetricKeyParameter publicKey, byte[] canonicalSpki) {
        this.algorithm = algorithm;
        this.publicKey = publicKey;
        this.spki = canonicalSpki;
        this.keyId = KeyId.ofSpki(canonicalSpki);
        this.hash = Arrays.hashCode(canonicalSpki);
    }

    /**
     * A key from a SubjectPublicKeyInfo (RFC 5280 §4.1.2.7), in any valid encoding of an Ed25519 or
     * P-256 key.
     *
     * @throws IllegalArgumentException saying what the bytes are instead (another algorithm or curve,
     *                                  explicit curve parameters, a point not on the curve, not DER)
     */
    public static VerifyingKey fromSpki(byte[] spkiBytes) {
        SubjectPublicKeyInfo info;
        try {
            info = SubjectPublicKeyInfo.getInstance(ASN1Primitive.fromByteArray(spkiBytes));
            if (info == null) {
                throw new IllegalArgumentException("empty");
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("public key must be a DER SubjectPublicKeyInfo: " + e.getMessage(), e);
        }
        ASN1ObjectIdentifier oid = info.getAlgorithm().getAlgorithm();
        ASN1Encodable parameters = info.getAlgorithm().getParameters();
        CoseAlgorithm algorithm;
        if (oid.equals(EdECObjectIdentifiers.id_Ed25519)) {
            // RFC 8410 §3: parameters MUST be absent; a NULL some encoders write is the same key.
            if (parameters != null && !DERNull.INSTANCE.equals(parameters)) {
                throw new IllegalArgumentException("an Ed25519 public key must have no algorithm parameters, but has " + parameters);
            }
            algorithm = CoseAlgorithm.EDDSA;
        } else if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            if (!X9ObjectIdentifiers.prime256v1.equals(parameters)) {
                throw new IllegalArgumentException("an EC public key must be on curve P-256 (prime256v1), but is "
                        + KeyNames.curve(parameters));
            }
            algorithm = CoseAlgorithm.ES256;
        } else {
            throw new IllegalArgumentException("public key must be Ed25519 or EC P-256, but is " + KeyNames.algorithm(oid));
        }
        try {
            AsymmetricKeyParameter key = PublicKeyFactory.createKey(info);
            byte[] canonical = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(key).getEncoded("DER");
            return new VerifyingKey(algorithm, key, canonical);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("public key is not a valid " + algorithm.label() + " key: " + e.getMessage(), e);
        }
    }

    /**
     * A key from the coordinates of a COSE_Key (RFC 9053 §7): Ed25519's 32-byte public key as {@code x}
     * with {@code y} empty, or a P-256 point's 32-byte affine {@code x} and {@code y}. The point is checked
     * to be on the curve, so a key that cannot verify anything is refused here, not at each signature.
     *
     * @throws IllegalArgumentException saying what is wrong (lengths, a point not on P-256)
     */
    public static VerifyingKey fromCoseKey(CoseAlgorithm algorithm, byte[] x, byte[] y) {
        int yLength = algorithm == CoseAlgorithm.EDDSA ? 0 : COORDINATE_LENGTH;
        if (x.length != COORDINATE_LENGTH || y.length != yLength) {
            throw new IllegalArgumentException("a COSE_Key for " + algorithm.label() + " must have x of 32 and y of " + yLength
                    + " bytes, but had " + x.length + " and " + y.length);
        }
        // Decoded once and encoded straight to the canonical SPKI: this runs on every dynamic code, and a
        // round trip through fromSpki would decode (and for Ed25519, validate) the point twice more.
        try {
            AsymmetricKeyParameter key = switch (algorithm) {
                case EDDSA -> new Ed25519PublicKeyParameters(x, 0);
                case ES256 -> {
                    byte[] point = new byte[1 + 2 * COORDINATE_LENGTH];
                    point[0] = 0x04;
                    System.arraycopy(x, 0, point, 1, COORDINATE_LENGTH);
                    System.arraycopy(y, 0, point, 1 + COORDINATE_LENGTH, COORDINATE_LENGTH);
                    // decodePoint checks the point is on the curve; the constructor that it is not infinity.
                    yield new ECPublicKeyParameters(SigningKey.P256.getCurve().decodePoint(point), SigningKey.P256);
                }
            };
            return new VerifyingKey(algorithm, key, SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(key).getEncoded("DER"));
        } catch (IOException e) {
            throw new IllegalStateException("encoding a public key in memory cannot fail", e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("a COSE_Key is not a valid " + algorithm.label() + " public key: " + e.getMessage(), e);
        }
    }

    /**
     * This key's COSE_Key coordinates, the inverse of {@link #fromCoseKey}: {@code [x, y]}, Ed25519's
     * {@code y} empty, P-256's point uncompressed.
     */
    public byte[][] coseCoordinates() {
        return switch (algorithm) {
            case EDDSA -> new byte[][] {((Ed25519PublicKeyParameters) publicKey).getEncoded(), new byte[0]};
            case ES256 -> {
                byte[] point = ((ECPublicKeyParameters) publicKey).getQ().getEncoded(false);
                yield new byte[][] {Arrays.copyOfRange(point, 1, 1 + COORDINATE_LENGTH),
                        Arrays.copyOfRange(point, 1 + COORDINATE_LENGTH, point.length)};
            }
        };
    }

    /** The public half of a key pair just made or read: encoded canonically like any other. */
    static VerifyingKey of(AsymmetricKeyParameter publicKey) {
        try {
            return fromSpki(SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(publicKey).getEncoded("DER"));
        } catch (IOException e) {
            throw new IllegalStateException("encoding a public key in memory cannot fail", e);
        }
    }

    public KeyId keyId() {
        return keyId;
    }

    public CoseAlgorithm algorithm() {
        return algorithm;
    }

    /** The canonical DER SubjectPublicKeyInfo, the bytes the kid is hashed over. */
    public byte[] spki() {
        return spki.clone();
    }

    /** The key as a PEM {@code PUBLIC KEY} block of its canonical SubjectPublicKeyInfo. */
    public String toPem() {
        return Pem.write(Pem.PUBLIC_KEY, spki);
    }

    /**
     * Whether {@code signature} over {@code message} is this key's, for {@code alg}: Ed25519, or ES256
     * with the raw 64-byte r‖s of RFC 9053 §2.1 (never DER). Never throws.
     */
    public boolean verifies(CoseAlgorithm alg, byte[] message, byte[] signature) {
        if (alg != algorithm || signature.length != SigningKey.SIGNATURE_LENGTH) {
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

    private boolean verifyEs256(byte[] message, byte[] signature) {
        byte[] hash = Sha256.of(message);
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, (ECPublicKeyParameters) publicKey);
        return verifier.verifySignature(hash, r, s);
    }

    /** The same key: equal canonical SubjectPublicKeyInfo, whatever encoding each was read from. */
    @Override
    public boolean equals(Object other) {
        return other == this || other instanceof VerifyingKey that && hash == that.hash && Arrays.equals(spki, that.spki);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "VerifyingKey[" + algorithm + ", kid=" + keyId + "]";
    }
}
