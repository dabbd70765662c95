package io.limen.format.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.upokecenter.cbor.CBORObject;
import io.limen.format.Reason;
import io.limen.format.cose.CoseAlgorithm;
import io.limen.format.cose.CoseSign1;
import io.limen.format.cose.Keys;
import io.limen.format.cose.SigningKey;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Forges credentials for the bad-input tests: valid ones, and ones wrong in exactly one way. Keys
 * come from fixed seeds so a failing fuzz case can be replayed byte for byte.
 */
final class Forge {

    static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    static final Instant ISSUED_AT = NOW.minus(Duration.ofDays(1));
    static final Instant EXPIRES_AT = NOW.plus(Duration.ofDays(30));
    static final Duration SKEW = Duration.ofSeconds(60);

    static final IssuerKey ED = key(CoseAlgorithm.EDDSA, 1);
    static final IssuerKey EC = key(CoseAlgorithm.ES256, 2);
    /** Not trusted by {@link #TRUST}. */
    static final IssuerKey STRANGER = key(CoseAlgorithm.EDDSA, 3);
    static final TrustStore TRUST = TrustStore.of(List.of(ED.publicKey(), EC.publicKey()));
    /** The holder key {@link #claims()} names in cnf: it signs the dynamic codes. */
    static final SigningKey HOLDER = Keys.key(CoseAlgorithm.EDDSA, 4);
    static final SigningKey HOLDER_EC = Keys.key(CoseAlgorithm.ES256, 5);
    /** A key no credential names. */
    static final SigningKey OTHER_HOLDER = Keys.key(CoseAlgorithm.EDDSA, 6);

    static final int COSE_SIGN1_TAG = 18;

    private Forge() {
    }

    static IssuerKey key(CoseAlgorithm algorithm, long seed) {
        return new IssuerKey(Keys.key(algorithm, seed));
    }

    static CredentialVerifier verifier() {
        return verifier(TRUST);
    }

    static CredentialVerifier verifier(TrustStore trust) {
        return new CredentialVerifier(() -> trust, SKEW);
    }

    /** Every claim the format knows, so that each can be broken on its own. */
    static Claims claims() {
        return claims(Optional.of(HolderKey.of(HOLDER.verifyingKey())));
    }

    static Claims claims(Optional<HolderKey> holder) {
        return new Claims("https://issuer.example", "holder-7f3a", ISSUED_AT, Optional.of(ISSUED_AT), EXPIRES_AT,
                new CredentialId(HexFormat.of().parseHex("0102030405060708")), holder,
                List.of("lobby", "floor-3"), Optional.of("Ada L."));
    }

    /** The COSE_Sign1 bytes of {@link #claims()} (bound to {@link #HOLDER}) as {@link #ED} issues them. */
    static byte[] boundCredential() {
        return signedBytes(ED, CredentialIssuer.encodeClaims(claims()));
    }

    /** An 8-byte nonce. */
    static final byte[] NONCE = HexFormat.of().parseHex("a1a2a3a4a5a6a7a8");

    /** {@code LQ1:} text: a COSE_Sign1 by {@code holder} (its own alg and kid) over exactly these payload bytes. */
    static String present(SigningKey holder, byte[] payload) {
        return CredentialVerifier.DYNAMIC_PREFIX + Base45.encode(CoseSign1.sign(holder, payload));
    }

    /** {@code [credential, t, nonce]} as a holder signs it. */
    static CBORObject presentationPayload(byte[] credential, Instant t, byte[] nonce) {
        return CBORObject.NewArray().Add(credential).Add(t.getEpochSecond()).Add(nonce);
    }

    /** A well-formed dynamic code of {@link #boundCredential()} signed by {@link #HOLDER} at {@code t}. */
    static String present(Instant t) {
        return present(HOLDER, presentationPayload(boundCredential(), t, NONCE).EncodeToBytes());
    }

    /** {@link #claims()} as a CBOR map the caller may change before signing. */
    static CBORObject claimsMap() {
        return CBORObject.DecodeFromBytes(CredentialIssuer.encodeClaims(claims()));
    }

    static CBORObject accessOf(CBORObject claimsMap) {
        return claimsMap.get(CBORObject.FromObject(ClaimsReader.ACCESS));
    }

    /** The usual protected header: {1: alg, 4: kid}. */
    static byte[] protectedHeader(IssuerKey key) {
        return CBORObject.NewOrderedMap().Add(1, key.algorithm().id()).Add(4, key.keyId().bytes()).EncodeToBytes();
    }

    /** An untagged COSE_Sign1 array signed by {@code signer} over exactly these header bytes. */
    static CBORObject coseSign1(IssuerKey signer, byte[] protectedBytes, CBORObject unprotected, byte[] payload) {
        return CBORObject.NewArray()
                .Add(protectedBytes)
                .Add(unprotected)
                .Add(payload)
                .Add(signer.sign(CoseSign1.sigStructure(protectedBytes, payload)));
    }

    /** Tagged COSE_Sign1 bytes with the usual headers, as the issuer makes them. */
    static byte[] signedBytes(IssuerKey signer, byte[] payload) {
        return coseSign1(signer, protectedHeader(signer), CBORObject.NewMap(), payload).WithTag(COSE_SIGN1_TAG).EncodeToBytes();
    }

    /** QR text of {@code claims} signed by {@code signer}, compressed. */
    static String issue(IssuerKey signer, CBORObject claims) {
        return issue(signer, claims.EncodeToBytes());
    }

    /** QR text of any payload bytes signed by {@code signer}, compressed. */
    static String issue(IssuerKey signer, byte[] payload) {
        return text(signedBytes(signer, payload), true);
    }

    static String text(CBORObject cose) {
        return text(cose.EncodeToBytes(), true);
    }

    static String text(byte[] payloadBytes, boolean compress) {
        return CredentialIssuer.toText(payloadBytes, compress);
    }

    static byte[] deflate(byte[] bytes) {
        return Zlib.deflate(bytes);
    }

    /** A CBOR byte string item holding {@code content}. */
    static byte[] bstr(byte[] content) {
        return CBORObject.FromObject(content).EncodeToBytes();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** {@code depth} copies of {@code head} (say 0x81, an array of one) around the item {@code innermost}. */
    static byte[] nested(int head, int depth, byte[] innermost) {
        byte[] bytes = new byte[depth + innermost.length];
        Arrays.fill(bytes, 0, depth, (byte) head);
        System.arraycopy(innermost, 0, bytes, depth, innermost.length);
        return bytes;
    }

    static Reason reasonOf(Verification verification) {
        return verification instanceof Verification.Refused refused ? refused.reason() : Reason.OK;
    }

    /** The exact reason, reached on purpose: not through the verifier's catch-all for parser bugs. */
    static void assertReason(Reason expected, Verification actual) {
        assertEquals(expected, reasonOf(actual), actual::toString);
        assertFalse(isCatchAll(actual), () -> "refusal must come from a check, not from an unexpected exception: " + actual);
    }

    /** Whether the verifier refused because a RuntimeException escaped its parsers (see CredentialVerifier.verify). */
    static boolean isCatchAll(Verification verification) {
        return verification instanceof Verification.Refused refused && refused.detail().startsWith("unexpected ");
    }

    /**
     * Verifies {@code text} and checks it took less than {@code bound}: one warm-up, then the best of
     * three, so the bound measures what the input costs and not a GC pause on a busy CI host.
     */
    static Verification verifyWithin(Duration bound, CredentialVerifier verifier, String text, Instant now) {
        Verification result = verifier.verify(text, now);
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            result = verifier.verify(text, now);
            best = Math.min(best, System.nanoTime() - start);
        }
        long bestNanos = best;
        assertTrue(bestNanos < bound.toNanos(), () -> "verifying must take under " + bound.toMillis() + " ms, but took "
                + bestNanos / 1_000_000.0 + " ms");
        return result;
    }
}
