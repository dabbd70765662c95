package io.limen.format.credential;

import static io.limen.format.credential.Forge.ED;
import static io.limen.format.credential.Forge.HOLDER;
import static io.limen.format.credential.Forge.HOLDER_EC;
import static io.limen.format.credential.Forge.NONCE;
import static io.limen.format.credential.Forge.NOW;
import static io.limen.format.credential.Forge.OTHER_HOLDER;
import static io.limen.format.credential.Forge.STRANGER;
import static io.limen.format.credential.Forge.assertReason;
import static io.limen.format.credential.Forge.boundCredential;
import static io.limen.format.credential.Forge.present;
import static io.limen.format.credential.Forge.presentationPayload;
import static io.limen.format.credential.Forge.signedBytes;
import static io.limen.format.credential.Forge.verifier;
import static io.limen.format.credential.Forge.verifyWithin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.upokecenter.cbor.CBORObject;
import io.limen.format.Reason;
import io.limen.format.cose.CoseSign1;
import io.limen.format.cose.SigningKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Dynamic codes ({@code LQ1:}): accepted when the credential verifies, the holder key its cnf names
 * signed {@code [credential, t, nonce]}, and t is within the window of the terminal's clock; every
 * other shape refused with its own reason, as fast as a bad static code.
 */
class DynamicCodeTest {

    /** The bound of the static bad-input tests (CoseBadInputTest, ClaimsBadInputTest). */
    private static final Duration FAST = Duration.ofMillis(50);

    @Test
    void freshCode_isVerified_withItsPresentation() {
        Verification result = verifier().verify(present(NOW), NOW);

        Credential credential = assertInstanceOf(Verification.Verified.class, result).credential();
        assertEquals(Forge.claims(), credential.claims());
        assertEquals(ED.keyId(), credential.keyId());
        assertEquals(Optional.of(new Presentation(NOW, 0xa1a2a3a4a5a6a7a8L)), credential.presentation());
        assertTrue(credential.dynamic());
    }

    @Test
    void presenter_makesCodesTheVerifierAccepts_withBothHolderKeyAlgorithms() {
        for (SigningKey holder : new SigningKey[] {HOLDER, HOLDER_EC}) {
            Claims claims = Forge.claims(Optional.of(HolderKey.of(holder.verifyingKey())));
            String credential = new CredentialIssuer(ED).issue(claims);
            String code = new Presenter(credential, holder).present(NOW.plusMillis(700), new SecureRandom());

            assertTrue(code.startsWith("LQ1:"), code);
            Credential verified = assertInstanceOf(Verification.Verified.class, verifier().verify(code, NOW)).credential();
            assertEquals(claims, verified.claims());
            // t is whole seconds: the holder's clock truncated.
            assertEquals(NOW, verified.presentation().orElseThrow().signedAt());
        }
    }

    @Test
    void presenter_refusesACredentialWithoutOrWithAnotherHolderKey() {
        String unbound = new CredentialIssuer(ED).issue(Forge.claims(Optional.empty()));
        String bound = new CredentialIssuer(ED).issue(Forge.claims());

        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Presenter(unbound, HOLDER)).getMessage()
                .contains("names no holder key"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Presenter(bound, OTHER_HOLDER)).getMessage()
                .contains("bound to holder key " + HOLDER.keyId()));
    }

    /** |now − t| ≤ window is fresh, both ways inclusive; a millisecond more is not. */
    @ParameterizedTest(name = "window {0} s, now = t {1} ms -> {2}")
    @CsvSource({
            "30,       0, ok",
            "30,   30000, ok",
            "30,   30001, presentation_expired",
            "30,  120000, presentation_expired",
            "30,  -30000, ok",
            "30,  -30001, presentation_not_yet_valid",
            "5,     5000, ok",
            "5,     5001, presentation_expired",
            "5,    -5000, ok",
            "5,    -5001, presentation_not_yet_valid",
            "600, 600000, ok",
            "600, 600001, presentation_expired",
    })
    void window_boundaries(long windowSeconds, long nowMinusTMillis, String expected) {
        CredentialVerifier verifier = new CredentialVerifier(() -> Forge.TRUST, Forge.SKEW, Duration.ofSeconds(windowSeconds));
        Verification result = verifier.verify(present(NOW), NOW.plusMillis(nowMinusTMillis));

        assertEquals(expected, Forge.reasonOf(result).code(), result::toString);
        if (result instanceof Verification.Refused refused) {
            // Whose code it was goes along: the issuer signed it, only the showing is wrong.
            assertEquals(Forge.claims(), refused.credential().orElseThrow().claims());
        }
    }

    @Test
    void defaultWindow_isThirtySeconds_andOutOfRangeWindowsAreRefused() {
        assertEquals(Duration.ofSeconds(30), verifier().presentationWindow());
        assertThrows(IllegalArgumentException.class, () -> new CredentialVerifier(() -> Forge.TRUST, Forge.SKEW, Duration.ofMillis(999)));
        assertThrows(IllegalArgumentException.class, () -> new CredentialVerifier(() -> Forge.TRUST, Forge.SKEW, Duration.ofSeconds(601)));
    }

    @Test
    void freshCodeOfAnExpiredCredential_isRefusedAsExpired() {
        Instant later = Forge.EXPIRES_AT.plus(Duration.ofHours(1));
        assertReason(Reason.EXPIRED, verifier().verify(present(later), later));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("badCodes")
    void badCode_isRefusedWithItsReason_fast(String name, String text, Reason expected) {
        assertReason(expected, verifyWithin(FAST, verifier(), text, NOW));
    }

    static Stream<Arguments> badCodes() {
        byte[] credential = boundCredential();
        byte[] fresh = presentationPayload(credential, NOW, NONCE).EncodeToBytes();
        String good = present(NOW);
        return Stream.of(
                // The holder's signature.
                row("holder signature with one bit flipped", flipLastSignatureBit(good), Reason.BAD_HOLDER_SIGNATURE),
                row("signed by another Ed25519 key (its own kid)", present(OTHER_HOLDER, fresh), Reason.BAD_HOLDER_SIGNATURE),
                row("signed by another key carrying the cnf key's kid", signedAs(OTHER_HOLDER, HOLDER, fresh), Reason.BAD_HOLDER_SIGNATURE),
                row("signed by a P-256 key, cnf is Ed25519", present(HOLDER_EC, fresh), Reason.BAD_HOLDER_SIGNATURE),
                row("signed by the issuer's key, not the holder's", present(ED.signingKey(), fresh), Reason.BAD_HOLDER_SIGNATURE),
                // The credential inside.
                row("credential without cnf", present(HOLDER, payload(signedBytes(ED,
                        CredentialIssuer.encodeClaims(Forge.claims(Optional.empty()))))), Reason.NO_HOLDER_KEY),
                row("cnf with a 31-byte Ed25519 key", present(HOLDER, payload(withCnf(okp(new byte[31])))), Reason.BAD_CLAIMS),
                row("cnf with an RSA key (kty 3)", present(HOLDER, payload(withCnf(CBORObject.NewOrderedMap().Add(1, 3)
                        .Add(-1, new byte[256]).Add(-2, new byte[] {1, 0, 1})))), Reason.BAD_CLAIMS),
                row("cnf with a P-384 key (crv 2)", present(HOLDER, payload(withCnf(CBORObject.NewOrderedMap().Add(1, 2).Add(-1, 2)
                        .Add(-2, new byte[48]).Add(-3, new byte[48])))), Reason.BAD_CLAIMS),
                row("cnf with a P-256 point off the curve", present(HOLDER, payload(withCnf(CBORObject.NewOrderedMap().Add(1, 2)
                        .Add(-1, 1).Add(-2, new byte[32]).Add(-3, new byte[32])))), Reason.BAD_CLAIMS),
                row("credential by an untrusted issuer", present(HOLDER, payload(signedBytes(STRANGER,
                        CredentialIssuer.encodeClaims(Forge.claims())))), Reason.UNKNOWN_KID),
                row("credential with a broken issuer signature", present(HOLDER, payload(flipLastByte(credential))), Reason.BAD_SIGNATURE),
                row("credential zlib-compressed inside", present(HOLDER, payload(Zlib.deflate(credential))), Reason.BAD_PRESENTATION),
                row("credential as its LP1 text", present(HOLDER, CBORObject.NewArray()
                        .Add(CredentialIssuer.toText(credential, false)).Add(NOW.getEpochSecond()).Add(NONCE).EncodeToBytes()),
                        Reason.BAD_PRESENTATION),
                row("credential not COSE", present(HOLDER, payload(new byte[] {1, 2, 3})), Reason.BAD_COSE),
                row("presentation nested in a presentation", present(HOLDER, payload(CoseSign1.sign(HOLDER, fresh))), Reason.BAD_PRESENTATION),
                // t.
                row("t far in the future (2100)", present(HOLDER, payload(credential, Instant.parse("2100-01-01T00:00:00Z"))),
                        Reason.PRESENTATION_NOT_YET_VALID),
                row("t at 9999-12-31T23:59:59Z", present(HOLDER, payload(credential, Claims.LATEST_TIME)), Reason.PRESENTATION_NOT_YET_VALID),
                row("t far in the past (0)", present(HOLDER, payload(credential, Instant.EPOCH)), Reason.PRESENTATION_EXPIRED),
                row("t negative", present(HOLDER, with(1, CBORObject.FromObject(-1))), Reason.BAD_PRESENTATION),
                row("t past 9999", present(HOLDER, with(1, CBORObject.FromObject(Claims.LATEST_TIME.getEpochSecond() + 1))),
                        Reason.BAD_PRESENTATION),
                row("t beyond 64 bits", present(HOLDER, with(1, CBORObject.FromObject(
                        com.upokecenter.numbers.EInteger.FromString("18446744073709551616")))), Reason.BAD_PRESENTATION),
                row("t a float", present(HOLDER, with(1, CBORObject.FromObject((double) NOW.getEpochSecond()))), Reason.BAD_PRESENTATION),
                row("t as text", present(HOLDER, with(1, CBORObject.FromObject(NOW.toString()))), Reason.BAD_PRESENTATION),
                row("t tagged (1, epoch time)", present(HOLDER, with(1, CBORObject.FromObject(NOW.getEpochSecond()).WithTag(1))),
                        Reason.BAD_PRESENTATION),
                // The nonce.
                row("nonce of 7 bytes", present(HOLDER, with(2, CBORObject.FromObject(new byte[7]))), Reason.BAD_PRESENTATION),
                row("nonce of 9 bytes", present(HOLDER, with(2, CBORObject.FromObject(new byte[9]))), Reason.BAD_PRESENTATION),
                row("nonce empty", present(HOLDER, with(2, CBORObject.FromObject(new byte[0]))), Reason.BAD_PRESENTATION),
                row("nonce as an integer", present(HOLDER, with(2, CBORObject.FromObject(42))), Reason.BAD_PRESENTATION),
                // The array.
                row("payload a map", present(HOLDER, CBORObject.NewMap().Add(1, credential).EncodeToBytes()), Reason.BAD_PRESENTATION),
                row("payload an array of 2", present(HOLDER, CBORObject.NewArray().Add(credential).Add(NOW.getEpochSecond())
                        .EncodeToBytes()), Reason.BAD_PRESENTATION),
                row("payload an array of 4", present(HOLDER, presentationPayload(credential, NOW, NONCE).Add(0).EncodeToBytes()),
                        Reason.BAD_PRESENTATION),
                row("payload tagged", present(HOLDER, presentationPayload(credential, NOW, NONCE).WithTag(24).EncodeToBytes()),
                        Reason.BAD_PRESENTATION),
                row("payload not CBOR", present(HOLDER, new byte[] {(byte) 0x83, 0x58}), Reason.BAD_PRESENTATION),
                row("payload with bytes after the array", present(HOLDER, Forge.concat(fresh, new byte[] {0})), Reason.BAD_PRESENTATION),
                // The layers around.
                row("LQ1: with bad Base45", "LQ1:AAAA!", Reason.BAD_BASE45),
                row("LQ1: not COSE", "LQ1:" + Base45.encode(new byte[] {1, 2, 3}), Reason.BAD_COSE),
                row("LQ1: empty", "LQ1:", Reason.BAD_COSE),
                row("LQ1: too long", "LQ1:" + "0".repeat(CredentialVerifier.MAX_TEXT_LENGTH), Reason.TOO_LARGE),
                row("lq1: in lower case", "lq1:" + good.substring(4), Reason.BAD_PREFIX));
    }

    private static Arguments row(String name, String text, Reason expected) {
        return Arguments.of(name, text, expected);
    }

    private static byte[] payload(byte[] credential) {
        return presentationPayload(credential, NOW, NONCE).EncodeToBytes();
    }

    private static byte[] payload(byte[] credential, Instant t) {
        return presentationPayload(credential, t, NONCE).EncodeToBytes();
    }

    /** The good payload with item {@code index} replaced. */
    private static byte[] with(int index, CBORObject item) {
        CBORObject array = presentationPayload(boundCredential(), NOW, NONCE);
        array.set(index, item);
        return array.EncodeToBytes();
    }

    /** A credential from the trusted issuer whose cnf is this COSE_Key. */
    private static byte[] withCnf(CBORObject coseKey) {
        CBORObject claims = Forge.claimsMap();
        claims.Set(ClaimsReader.CNF, CBORObject.NewOrderedMap().Add(ClaimsReader.CNF_COSE_KEY, coseKey));
        return signedBytes(ED, claims.EncodeToBytes());
    }

    private static CBORObject okp(byte[] x) {
        return CBORObject.NewOrderedMap().Add(1, 1).Add(-1, 6).Add(-2, x);
    }

    /** Signed by {@code signer}, but with {@code claimed}'s alg and kid in the protected header. */
    private static String signedAs(SigningKey signer, SigningKey claimed, byte[] payload) {
        byte[] protectedBytes = CBORObject.NewOrderedMap().Add(1, claimed.algorithm().id()).Add(4, claimed.keyId().bytes()).EncodeToBytes();
        byte[] cose = CBORObject.NewArray().Add(protectedBytes).Add(CBORObject.NewMap()).Add(payload)
                .Add(signer.sign(CoseSign1.sigStructure(protectedBytes, payload))).WithTag(18).EncodeToBytes();
        return "LQ1:" + Base45.encode(cose);
    }

    private static String flipLastSignatureBit(String code) {
        return "LQ1:" + Base45.encode(flipLastByte(Base45.decode(code, 4)));
    }

    /** The COSE_Sign1's last byte is its signature's. */
    private static byte[] flipLastByte(byte[] cose) {
        byte[] bytes = Arrays.copyOf(cose, cose.length);
        bytes[bytes.length - 1] ^= 1;
        return bytes;
    }

    @Test
    void nonce_isReadBigEndian() {
        byte[] nonce = HexFormat.of().parseHex("0000000000000001");
        String code = present(HOLDER, presentationPayload(boundCredential(), NOW, nonce).EncodeToBytes());
        Credential credential = assertInstanceOf(Verification.Verified.class, verifier().verify(code, NOW)).credential();
        assertEquals(1L, credential.presentation().orElseThrow().nonce());
    }
}
