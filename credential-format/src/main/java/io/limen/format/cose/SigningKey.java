package io.limen.format.cose;

import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.List;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * A private key that signs COSE messages: Ed25519, or EC on P-256 (deterministic ECDSA, RFC 6979), with
 * its public half. Issuers sign credentials with one; later, list publishers, the fleet's command
 * signer and holders' apps will too.
 */
public final class SigningKey {

    /** Both algorithms' signatures: Ed25519's 64 bytes, ES256's raw r‖s of 32 bytes each. */
    public static final int SIGNATURE_LENGTH = 64;

    static final ECNamedDomainParameters P256 = p256();

    private final AsymmetricKeyParameter privateKey;
    private final VerifyingKey publicKey;

    private SigningKey(AsymmetricKeyParameter privateKey, AsymmetricKeyParameter publicKey) {
        this.privateKey = privateKey;
        this.publicKey = VerifyingKey.of(publicKey);
    }

    public static SigningKey generate(CoseAlgorithm algorithm, SecureRandom random) {
        AsymmetricCipherKeyPair pair = switch (algorithm) {
            case EDDSA -> {
                Ed25519KeyPairGenerator generator = new Ed25519KeyPairGenerator();
                generator.init(new Ed25519KeyGenerationParameters(random));
                yield generator.generateKeyPair();
            }
            case ES256 -> {
                ECKeyPairGenerator generator = new ECKeyPairGenerator();
                generator.init(new ECKeyGenerationParameters(P256, random));
                yield generator.generateKeyPair();
            }
        };
        return new SigningKey(pair.getPrivate(), pair.getPublic());
    }

    /**
     * Reads a key file's text: exactly one unencrypted PKCS#8 {@code PRIVATE KEY} PEM block (RFC 5208,
     * RFC 7468 §10) of an Ed25519 or P-256 key, as {@link #toPem()} and {@code openssl genpkey} write it.
     *
     * @param source the file name, which starts every message
     * @throws IllegalArgumentException naming {@code source}, what it holds instead (a SEC1
     *         {@code EC PRIVATE KEY}, PKCS#1 RSA, an encrypted key, another curve...), and what is accepted
     */
    public static SigningKey fromPem(String pem, String source) {
        List<Pem.Block> all;
        try {
            all = Pem.read(pem);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": not a readable PEM key file: " + e.getMessage(), e);
        }
        List<Pem.Block> keys = all.stream().filter(b -> b.label().equals(Pem.PRIVATE_KEY)).toList();
        if (keys.size() != 1) {
            throw new IllegalArgumentException(source + ": " + (keys.isEmpty() ? whatInstead(all) : "holds " + keys.size()
                    + " PRIVATE KEY blocks, but a key file must hold exactly one"));
        }
        return fromPkcs8(keys.get(0).der(), source);
    }

    /** Reads DER PKCS#8 PrivateKeyInfo; errors as in {@link #fromPem}. */
    public static SigningKey fromPkcs8(byte[] der, String source) {
        PrivateKeyInfo info;
        try {
            info = PrivateKeyInfo.getInstance(ASN1Primitive.fromByteArray(der));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(source + ": the PRIVATE KEY block is not a PKCS#8 private key: " + e.getMessage(), e);
        }
        ASN1ObjectIdentifier oid = info.getPrivateKeyAlgorithm().getAlgorithm();
        ASN1Encodable parameters = info.getPrivateKeyAlgorithm().getParameters();
        if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey) && !X9ObjectIdentifiers.prime256v1.equals(parameters)) {
            throw new IllegalArgumentException(source + ": holds an EC key on " + KeyNames.curve(parameters) + ", but " + ACCEPTED);
        }
        if (!oid.equals(X9ObjectIdentifiers.id_ecPublicKey) && !oid.equals(EdECObjectIdentifiers.id_Ed25519)) {
            throw new IllegalArgumentException(source + ": holds " + KeyNames.algorithm(oid) + ", but " + ACCEPTED);
        }
        AsymmetricKeyParameter key;
        try {
            key = PrivateKeyFactory.createKey(info);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(source + ": not a valid " + (oid.equals(EdECObjectIdentifiers.id_Ed25519) ? "Ed25519" : "P-256")
                    + " private key: " + e.getMessage(), e);
        }
        if (key instanceof Ed25519PrivateKeyParameters ed) {
            return new SigningKey(ed, ed.generatePublicKey());
        }
        ECPrivateKeyParameters ec = (ECPrivateKeyParameters) key;
        BigInteger d = ec.getD();
        if (d.signum() <= 0 || d.compareTo(P256.getN()) >= 0) {
            throw new IllegalArgumentException(source + ": not a valid P-256 private key: the scalar is outside 1..n-1");
        }
        return new SigningKey(new ECPrivateKeyParameters(d, P256),
                new ECPublicKeyParameters(new FixedPointCombMultiplier().multiply(P256.getG(), d).normalize(), P256));
    }

    private static final String ACCEPTED = "a signing key must be Ed25519 or EC P-256 (prime256v1), as 'limen provision keys' makes";

    /** What a key file without a PRIVATE KEY block holds, and what to do about it. */
    private static String whatInstead(List<Pem.Block> blocks) {
        if (blocks.isEmpty()) {
            return "holds no PEM block, but a key file must hold one PKCS#8 '-----BEGIN PRIVATE KEY-----' block";
        }
        List<String> labels = blocks.stream().map(Pem.Block::label).distinct().toList();
        String label = labels.get(0);
        return switch (label) {
            case "EC PRIVATE KEY" -> "holds a SEC1 'EC PRIVATE KEY' block (as openssl ecparam -genkey writes it), but a key file must be"
                    + " PKCS#8 'PRIVATE KEY': convert it with openssl pkcs8 -topk8 -nocrypt -in FILE -out NEW-FILE";
            case "RSA PRIVATE KEY" -> "holds an RSA key (PKCS#1 'RSA PRIVATE KEY'), but " + ACCEPTED;
            case "ENCRYPTED PRIVATE KEY" -> "holds an encrypted key ('ENCRYPTED PRIVATE KEY'), but a key file must be unencrypted"
                    + " PKCS#8 'PRIVATE KEY', protected by its file mode (0600): decrypt it with openssl pkcs8 -in FILE -out NEW-FILE";
            case "OPENSSH PRIVATE KEY" -> "holds an OpenSSH key ('OPENSSH PRIVATE KEY'), but " + ACCEPTED + " (PKCS#8 PEM)";
            case "DSA PRIVATE KEY" -> "holds a DSA key, but " + ACCEPTED;
            case Pem.PUBLIC_KEY -> "holds only a PUBLIC KEY (a trust file?), but signing needs the private key"
                    + " (issuer.key from 'limen provision keys')";
            default -> "holds " + labels.stream().map(l -> "'" + l + "'").collect(Collectors.joining(", "))
                    + " but no 'PRIVATE KEY' block; a key file must hold one PKCS#8 '-----BEGIN PRIVATE KEY-----' block";
        };
    }

    public VerifyingKey verifyingKey() {
        return publicKey;
    }

    public CoseAlgorithm algorithm() {
        return publicKey.algorithm();
    }

    public KeyId keyId() {
        return publicKey.keyId();
    }

    /**
     * The private key as PKCS#8 version 1 PEM (RFC 5208). Version 2 (RFC 5958) would carry the public
     * key too, but OpenSSL 3.0 cannot read an Ed25519 key in that form. Write it only to a file
     * readable by its owner.
     */
    public String toPem() {
        try {
            PrivateKeyInfo info = PrivateKeyInfoFactory.createPrivateKeyInfo(privateKey);
            PrivateKeyInfo v1 = new PrivateKeyInfo(info.getPrivateKeyAlgorithm(), info.parsePrivateKey(), info.getAttributes());
            return Pem.write(Pem.PRIVATE_KEY, v1.getEncoded("DER"));
        } catch (IOException e) {
            throw new IllegalStateException("encoding a private key in memory cannot fail", e);
        }
    }

    /** Signs {@code message}: Ed25519, or deterministic (RFC 6979) ECDSA as raw 64-byte r‖s. */
    public byte[] sign(byte[] message) {
        return switch (algorithm()) {
            case EDDSA -> {
                Ed25519Signer signer = new Ed25519Signer();
                signer.init(true, privateKey);
                signer.update(message, 0, message.length);
                yield signer.generateSignature();
            }
            case ES256 -> {
                byte[] hash = Sha256.of(message);
                ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
                signer.init(true, privateKey);
                BigInteger[] rs = signer.generateSignature(hash);
                byte[] signature = new byte[SIGNATURE_LENGTH];
                copyUnsigned(rs[0], signature, 0);
                copyUnsigned(rs[1], signature, 32);
                yield signature;
            }
        };
    }

    private static void copyUnsigned(BigInteger value, byte[] into, int offset) {
        byte[] bytes = value.toByteArray();
        int skip = bytes.length > 32 ? bytes.length - 32 : 0;
        System.arraycopy(bytes, skip, into, offset + 32 - (bytes.length - skip), bytes.length - skip);
    }

    /**
     * P-256 on Bouncy Castle's custom curve (SecP256R1Curve, fixed-width field arithmetic), as its
     * PublicKeyFactory decodes keys: ECNamedCurveTable's generic curve computes with BigIntegers and
     * makes a signature check several times slower (a holder key of a dynamic code is decoded on it).
     */
    private static ECNamedDomainParameters p256() {
        X9ECParameters x9 = CustomNamedCurves.getByName("P-256");
        return new ECNamedDomainParameters(X9ObjectIdentifiers.prime256v1, x9);
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "SigningKey[" + algorithm() + ", kid=" + keyId() + "]";
    }
}
