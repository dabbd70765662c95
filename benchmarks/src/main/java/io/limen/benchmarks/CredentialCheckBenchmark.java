package io.limen.benchmarks;

import com.upokecenter.cbor.CBORObject;
import io.limen.agent.policy.Presentations;
import io.limen.format.cose.SigningKey;
import io.limen.format.credential.Claims;
import io.limen.format.credential.Credential;
import io.limen.format.credential.HolderKey;
import io.limen.format.credential.Presentation;
import io.limen.format.credential.Presenter;
import io.limen.format.cose.CoseAlgorithm;
import io.limen.format.credential.CredentialId;
import io.limen.format.credential.CredentialIssuer;
import io.limen.format.credential.CredentialVerifier;
import io.limen.format.credential.IssuerKey;
import io.limen.format.credential.TrustStore;
import io.limen.format.credential.Verification;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The full credential check (Base45, inflate, COSE, signature, claims, validity) against its floor: the
 * bare Bouncy Castle signature verification of the same Sig_structure with the same key, in the same
 * run. The JDK's own verifier of the same bytes is there for scale.
 *
 * <p>{@link #dynamicCheck} is the same credential shown as a dynamic code ({@code LQ1:}), bound to a
 * holder key of the same algorithm: both signatures, the window, and the replay memory's lookup with
 * {@value #REPLAY_ENTRIES} presentations remembered (its bound). Goal: at most 2.2 × {@link #fullCheck}.
 *
 * <p>Run: {@code ./limen bench CredentialCheckBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class CredentialCheckBenchmark {

    @Param({"EDDSA", "ES256"})
    public CoseAlgorithm algorithm;

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    static final int REPLAY_ENTRIES = Presentations.DEFAULT_CAPACITY;

    private CredentialVerifier verifier;
    private String text;
    private String dynamicText;
    private Presentations presentations;
    private byte[] toBeSigned;
    private byte[] signature;
    private AsymmetricKeyParameter bcPublicKey;
    private PublicKey jdkPublicKey;
    private byte[] jdkSignature;

    @Setup
    public void setUp() throws Exception {
        IssuerKey key = IssuerKey.generate(algorithm, new SecureRandom());
        Claims claims = new Claims("https://passes.limen.example", "staff-0001", NOW.minus(Duration.ofDays(1)), Optional.empty(),
                NOW.plus(Duration.ofDays(30)), CredentialId.fromHex("00112233445566778899aabbccddeeff"), Optional.empty(),
                List.of("lobby", "floor-3"), Optional.of("Ada Lovelace"));
        text = new CredentialIssuer(key).issue(claims);
        TrustStore trust = TrustStore.of(List.of(key.publicKey()));
        verifier = new CredentialVerifier(() -> trust, CredentialVerifier.DEFAULT_CLOCK_SKEW);

        CBORObject cose = CBORObject.DecodeFromBytes(new CredentialIssuer(key).sign(CredentialIssuer.encodeClaims(claims))).UntagOne();
        toBeSigned = CBORObject.NewArray().Add("Signature1").Add(cose.get(0).GetByteString()).Add(new byte[0])
                .Add(cose.get(2).GetByteString()).EncodeToBytes();
        signature = cose.get(3).GetByteString();
        bcPublicKey = PublicKeyFactory.createKey(SubjectPublicKeyInfo.getInstance(key.publicKey().spki()));
        jdkPublicKey = KeyFactory.getInstance(algorithm == CoseAlgorithm.EDDSA ? "Ed25519" : "EC")
                .generatePublic(new X509EncodedKeySpec(key.publicKey().spki()));
        jdkSignature = algorithm == CoseAlgorithm.EDDSA ? signature : derOf(signature);

        SigningKey holder = SigningKey.generate(algorithm, new SecureRandom());
        Claims bound = new Claims(claims.issuer(), claims.subject(), claims.issuedAt(), claims.notBefore(), claims.expiresAt(),
                claims.id(), Optional.of(HolderKey.of(holder.verifyingKey())), claims.zones(), claims.displayName());
        dynamicText = new Presenter(new CredentialIssuer(key).issue(bound), holder).present(NOW, new SecureRandom());
        // The replay memory full: other presentations of the same credential, all still in their window.
        presentations = new Presentations(REPLAY_ENTRIES, CredentialVerifier.DEFAULT_PRESENTATION_WINDOW, Instant.MIN);
        for (long nonce = 0; nonce < REPLAY_ENTRIES; nonce++) {
            presentations.record(bound.revocationKey(), new Presentation(NOW, nonce), NOW);
        }

        // A benchmark of a check that fails would measure the wrong path.
        if (!(fullCheck() instanceof Verification.Verified) || !bareBouncyCastleVerify() || !jdkVerify() || !dynamicCheck()) {
            throw new IllegalStateException("benchmark fixture does not verify");
        }
    }

    @Benchmark
    public Verification fullCheck() {
        return verifier.verify(text, NOW);
    }

    /** Verify the dynamic code and ask the replay memory about it, as the policy's last rule does: true when new. */
    @Benchmark
    public boolean dynamicCheck() {
        if (!(verifier.verify(dynamicText, NOW) instanceof Verification.Verified verified)) {
            return false;
        }
        Credential credential = verified.credential();
        return !presentations.granted(credential.revocationKey(), credential.presentation().orElseThrow());
    }

    /**
     * {@link #fullCheck} and {@link #dynamicCheck} at the same time, one thread each ({@code -t 2}
     * runs one pair): on a shared machine whose load comes and goes, the two see the same load, so the
     * ratio of their throughputs is the ratio of their costs even when the absolute figures wander.
     */
    @Benchmark
    @Group("paired")
    @GroupThreads(1)
    public Verification pairedStatic() {
        return fullCheck();
    }

    @Benchmark
    @Group("paired")
    @GroupThreads(1)
    public boolean pairedDynamic() {
        return dynamicCheck();
    }

    @Benchmark
    public boolean bareBouncyCastleVerify() {
        if (algorithm == CoseAlgorithm.EDDSA) {
            Ed25519Signer ed = new Ed25519Signer();
            ed.init(false, bcPublicKey);
            ed.update(toBeSigned, 0, toBeSigned.length);
            return ed.verifySignature(signature);
        }
        SHA256Digest sha256 = new SHA256Digest();
        sha256.update(toBeSigned, 0, toBeSigned.length);
        byte[] hash = new byte[32];
        sha256.doFinal(hash, 0);
        ECDSASigner ecdsa = new ECDSASigner();
        ecdsa.init(false, (ECPublicKeyParameters) bcPublicKey);
        return ecdsa.verifySignature(hash, new BigInteger(1, Arrays.copyOfRange(signature, 0, 32)),
                new BigInteger(1, Arrays.copyOfRange(signature, 32, 64)));
    }

    @Benchmark
    public boolean jdkVerify() throws Exception {
        Signature jdk = Signature.getInstance(algorithm == CoseAlgorithm.EDDSA ? "Ed25519" : "SHA256withECDSA");
        jdk.initVerify(jdkPublicKey);
        jdk.update(toBeSigned);
        return jdk.verify(jdkSignature);
    }

    /** The JDK wants ECDSA signatures in DER. */
    private static byte[] derOf(byte[] rawRs) throws Exception {
        var r = new org.bouncycastle.asn1.ASN1Integer(new BigInteger(1, Arrays.copyOfRange(rawRs, 0, 32)));
        var s = new org.bouncycastle.asn1.ASN1Integer(new BigInteger(1, Arrays.copyOfRange(rawRs, 32, 64)));
        return new org.bouncycastle.asn1.DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {r, s}).getEncoded();
    }
}
