package io.limen.format.credential;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECDomainParameters;
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
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * An issuer's signing key with its public half. Lives on the fleet side and in the demo; a
 * terminal only ever holds {@link TrustedKey}s.
 */
public final class IssuerKey {

    private static final String PRIVATE_KEY = "PRIVATE KEY";

    private final AsymmetricKeyParameter privateKey;
    private final TrustedKey publicKey;

    private IssuerKey(AsymmetricKeyParameter privateKey, AsymmetricKeyParameter publicKey) {
        this.privateKey = privateKey;
        try {
            this.publicKey = TrustedKey.fromSpki(SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(publicKey).getEncoded("DER"));
        } catch (IOException e) {
            throw new IllegalStateException("encoding a freshly made public key cannot fail", e);
        }
    }

    public static IssuerKey generate(CoseAlgorithm algorithm, SecureRandom random) {
        AsymmetricCipherKeyPair pair = switch (algorithm) {
            case EDDSA -> {
                Ed25519KeyPairGenerator generator = new Ed25519KeyPairGenerator();
                generator.init(new Ed25519KeyGenerationParameters(random));
                yield generator.generateKeyPair();
            }
            case ES256 -> {
                ECKeyPairGenerator generator = new ECKeyPairGenerator();
                generator.init(new ECKeyGenerationParameters(p256(), random));
                yield generator.generateKeyPair();
            }
        };
        return new IssuerKey(pair.getPrivate(), pair.getPublic());
    }

    /** Reads an unencrypted PKCS#8 {@code PRIVATE KEY} PEM, as {@link #toPem()} or openssl writes it. */
    public static IssuerKey fromPem(String pem, String source) {
        List<Pem.Block> blocks = Pem.read(pem).stream().filter(b -> b.label().equals(PRIVATE_KEY)).toList();
        if (blocks.size() != 1) {
            throw new IllegalArgumentException(source + ": issuer key file must hold exactly one PEM PRIVATE KEY (PKCS#8) block, but holds "
                    + blocks.size());
        }
        AsymmetricKeyParameter key;
        try {
            key = PrivateKeyFactory.createKey(blocks.get(0).der());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(source + ": not a readable PKCS#8 private key: " + e.getMessage(), e);
        }
        if (key instanceof Ed25519PrivateKeyParameters ed) {
            return new IssuerKey(ed, ed.generatePublicKey());
        }
        if (key instanceof ECPrivateKeyParameters ec && ec.getParameters().getCurve().equals(p256().getCurve())) {
            ECPoint q = new FixedPointCombMultiplier().multiply(ec.getParameters().getG(), ec.getD()).normalize();
            ECPrivateKeyParameters named = new ECPrivateKeyParameters(ec.getD(), p256());
            return new IssuerKey(named, new ECPublicKeyParameters(q, p256()));
        }
        throw new IllegalArgumentException(source + ": issuer key must be Ed25519 or EC P-256, but was " + key.getClass().getSimpleName());
    }

    public static IssuerKey load(Path file) throws IOException {
        return fromPem(Pem.readFile(file), file.toString());
    }

    public TrustedKey publicKey() {
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
            return Pem.write(PRIVATE_KEY, v1.getEncoded("DER"));
        } catch (IOException e) {
            throw new IllegalStateException("encoding a private key in memory cannot fail", e);
        }
    }

    /** The public key as SubjectPublicKeyInfo PEM: the trust file a terminal loads, the key trusted for any issuer. */
    public String publicKeyPem() {
        return publicKey.toPem();
    }

    /**
     * The trust file a terminal loads, the key bound to {@code issuer}: an {@code Issuer:} line, then the
     * SubjectPublicKeyInfo PEM. Terminals then refuse credentials of another issuer signed with it.
     */
    public String publicKeyPem(String issuer) {
        return publicKey.boundTo(issuer).toPem();
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
                byte[] signature = new byte[64];
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

    private static ECDomainParameters p256() {
        X9ECParameters x9 = ECNamedCurveTable.getByName("P-256");
        return new ECNamedDomainParameters(X9ObjectIdentifiers.prime256v1, x9);
    }

    @Override
    public String toString() {
        return "IssuerKey[" + algorithm() + ", kid=" + keyId() + "]";
    }
}
