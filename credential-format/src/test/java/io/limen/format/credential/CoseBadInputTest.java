package io.limen.format.credential;

import static io.limen.format.credential.Forge.COSE_SIGN1_TAG;
import static io.limen.format.credential.Forge.EC;
import static io.limen.format.credential.Forge.ED;
import static io.limen.format.credential.Forge.NOW;
import static io.limen.format.credential.Forge.STRANGER;
import static io.limen.format.credential.Forge.assertReason;
import static io.limen.format.credential.Forge.bstr;
import static io.limen.format.credential.Forge.concat;
import static io.limen.format.credential.Forge.coseSign1;
import static io.limen.format.credential.Forge.nested;
import static io.limen.format.credential.Forge.protectedHeader;
import static io.limen.format.credential.Forge.verifier;
import static io.limen.format.credential.Forge.verifyWithin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.upokecenter.cbor.CBORObject;
import com.upokecenter.numbers.EInteger;
import io.limen.format.Reason;
import io.limen.format.cose.CoseSign1;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The COSE_Sign1 layer: structure, tags, nesting, alg, kid and signature. */
class CoseBadInputTest {

    private static final Duration FAST = Duration.ofMillis(50);
    private static final byte[] PAYLOAD = Forge.claimsMap().EncodeToBytes();
    private static final byte[] COSE = Forge.signedBytes(ED, PAYLOAD);
    private static final byte[] KID = ED.keyId().bytes();

    static Stream<Arguments> cases() {
        return Stream.of(
                // Whole structure.
                Arguments.of("tagged, compressed (the issuer's form)", text(COSE, true), Reason.OK),
                Arguments.of("untagged COSE_Sign1", text(valid()), Reason.OK),
                Arguments.of("truncated by one byte", text(Arrays.copyOf(COSE, COSE.length - 1), false), Reason.BAD_COSE),
                Arguments.of("truncated by half, compressed", text(Arrays.copyOf(COSE, COSE.length / 2), true), Reason.BAD_COSE),
                Arguments.of("trailing zero byte", text(concat(COSE, new byte[] {0}), false), Reason.BAD_COSE),
                Arguments.of("trailing second COSE_Sign1, compressed", text(concat(COSE, COSE), true), Reason.BAD_COSE),
                Arguments.of("tag 98 (COSE_Sign)", text(valid().WithTag(98)), Reason.BAD_COSE),
                Arguments.of("tag 17 (COSE_Mac0)", text(valid().WithTag(17)), Reason.BAD_COSE),
                Arguments.of("tag 16 (COSE_Encrypt0)", text(valid().WithTag(16)), Reason.BAD_COSE),
                Arguments.of("tag 61 (CWT) around tag 18", text(valid().WithTag(COSE_SIGN1_TAG).WithTag(61)), Reason.BAD_COSE),
                Arguments.of("tag 18 twice", text(valid().WithTag(COSE_SIGN1_TAG).WithTag(COSE_SIGN1_TAG)), Reason.BAD_COSE),
                Arguments.of("array of 3", text(withoutLast(valid())), Reason.BAD_COSE),
                Arguments.of("array of 5", text(valid().Add(new byte[0])), Reason.BAD_COSE),
                Arguments.of("empty array", text(CBORObject.NewArray()), Reason.BAD_COSE),
                Arguments.of("a map", text(CBORObject.NewMap().Add(1, 2)), Reason.BAD_COSE),
                Arguments.of("a byte string", text(CBORObject.FromObject(COSE)), Reason.BAD_COSE),
                Arguments.of("an integer", text(CBORObject.FromObject(18)), Reason.BAD_COSE),
                // Each of the four members with the wrong type.
                Arguments.of("protected header as a map, not bytes", text(valid().Set(0, CBORObject.NewMap().Add(1, -8))), Reason.BAD_COSE),
                Arguments.of("protected header holding an array", text(signed(ED, CBORObject.NewArray().Add(1).EncodeToBytes(), unprotected())),
                        Reason.BAD_COSE),
                Arguments.of("protected header holding malformed CBOR", text(signed(ED, new byte[] {(byte) 0xA2, 0x01}, unprotected())),
                        Reason.BAD_COSE),
                Arguments.of("protected header with trailing bytes", text(signed(ED, concat(protectedHeader(ED), new byte[] {0}), unprotected())),
                        Reason.BAD_COSE),
                Arguments.of("protected header holding a tagged map", text(signed(ED, CBORObject.NewOrderedMap().Add(1, -8).Add(4, KID)
                        .WithTag(121).EncodeToBytes(), unprotected())), Reason.BAD_COSE),
                Arguments.of("crit in the protected header", text(signed(ED, CBORObject.NewOrderedMap().Add(1, -8).Add(2, CBORObject.NewArray()
                        .Add(-70000)).Add(4, KID).EncodeToBytes(), unprotected())), Reason.BAD_COSE),
                Arguments.of("crit in the unprotected header", text(signed(ED, protectedHeader(ED), unprotected().Add(2, CBORObject.NewArray()
                        .Add(4)))), Reason.BAD_COSE),
                Arguments.of("unprotected header as an array", text(valid().Set(1, CBORObject.NewArray())), Reason.BAD_COSE),
                Arguments.of("unprotected header as nil", text(valid().Set(1, CBORObject.Null)), Reason.BAD_COSE),
                Arguments.of("unprotected header tagged", text(valid().Set(1, CBORObject.NewMap().WithTag(5))), Reason.BAD_COSE),
                Arguments.of("payload nil (detached)", text(valid().Set(2, CBORObject.Null)), Reason.BAD_COSE),
                Arguments.of("payload as text", text(valid().Set(2, "claims")), Reason.BAD_COSE),
                Arguments.of("payload tagged (24, embedded CBOR)", text(valid().Set(2, CBORObject.FromObject(PAYLOAD).WithTag(24))), Reason.BAD_COSE),
                Arguments.of("signature as text", text(valid().Set(3, "signature")), Reason.BAD_COSE),
                Arguments.of("signature as an array", text(valid().Set(3, CBORObject.NewArray())), Reason.BAD_COSE),
                // alg: only EdDSA (-8) and ES256 (-7), only in the protected header.
                Arguments.of("alg -35 (ES384)", text(signed(ED, header(-35, KID), unprotected())), Reason.UNSUPPORTED_ALG),
                Arguments.of("alg 0 (reserved)", text(signed(ED, header(0, KID), unprotected())), Reason.UNSUPPORTED_ALG),
                Arguments.of("alg -257 (RS256)", text(signed(ED, header(-257, KID), unprotected())), Reason.UNSUPPORTED_ALG),
                Arguments.of("alg 5 (HMAC 256/256)", text(signed(ED, header(5, KID), unprotected())), Reason.UNSUPPORTED_ALG),
                Arguments.of("alg \"none\"", text(signed(ED, header("none", KID), unprotected())), Reason.UNSUPPORTED_ALG),
                Arguments.of("alg \"EdDSA\" as text", text(signed(ED, header("EdDSA", KID), unprotected())), Reason.UNSUPPORTED_ALG),
                Arguments.of("alg -8.0 as a float", text(signed(ED, header(-8.0, KID), unprotected())), Reason.UNSUPPORTED_ALG),
                Arguments.of("alg nil", text(signed(ED, header(CBORObject.Null, KID), unprotected())), Reason.UNSUPPORTED_ALG),
                Arguments.of("alg -8 tagged", text(signed(ED, header(CBORObject.FromObject(-8).WithTag(1), KID), unprotected())),
                        Reason.UNSUPPORTED_ALG),
                Arguments.of("alg 2^64-1", text(signed(ED, header(CBORObject.FromObject(EInteger.FromString("18446744073709551615")), KID),
                        unprotected())), Reason.UNSUPPORTED_ALG),
                Arguments.of("alg missing", text(signed(ED, CBORObject.NewOrderedMap().Add(4, KID).EncodeToBytes(), unprotected())),
                        Reason.UNSUPPORTED_ALG),
                Arguments.of("alg in the unprotected header only", text(signed(ED, CBORObject.NewOrderedMap().Add(4, KID).EncodeToBytes(),
                        unprotected().Add(1, -8))), Reason.UNSUPPORTED_ALG),
                Arguments.of("empty protected header, alg and kid unprotected", text(signed(ED, new byte[0],
                        unprotected().Add(1, -8).Add(4, KID))), Reason.UNSUPPORTED_ALG),
                Arguments.of("alg ES256 on an EdDSA key", text(signed(ED, header(-7, KID), unprotected())), Reason.BAD_SIGNATURE),
                // kid.
                Arguments.of("kid in neither header", text(signed(ED, CBORObject.NewOrderedMap().Add(1, -8).EncodeToBytes(), unprotected())),
                        Reason.BAD_COSE),
                Arguments.of("kid in the unprotected header only", text(signed(ED, CBORObject.NewOrderedMap().Add(1, -8).EncodeToBytes(),
                        unprotected().Add(4, KID))), Reason.OK),
                Arguments.of("kid in both: the protected one counts", text(signed(ED, protectedHeader(ED),
                        unprotected().Add(4, EC.keyId().bytes()))), Reason.OK),
                Arguments.of("kid of an untrusted issuer", text(Forge.signedBytes(STRANGER, PAYLOAD), true), Reason.UNKNOWN_KID),
                Arguments.of("kid of 7 bytes", text(signed(ED, header(-8, Arrays.copyOf(KID, 7)), unprotected())), Reason.UNKNOWN_KID),
                Arguments.of("kid of 9 bytes", text(signed(ED, header(-8, Arrays.copyOf(KID, 9)), unprotected())), Reason.UNKNOWN_KID),
                Arguments.of("kid empty", text(signed(ED, header(-8, new byte[0]), unprotected())), Reason.UNKNOWN_KID),
                Arguments.of("kid as text", text(signed(ED, header(-8, CBORObject.FromObject(ED.keyId().toHex())), unprotected())),
                        Reason.BAD_COSE),
                Arguments.of("kid as an integer", text(signed(ED, header(-8, CBORObject.FromObject(42)), unprotected())), Reason.BAD_COSE),
                // Signature.
                Arguments.of("ES256 signature DER-encoded", text(derSigned()), Reason.BAD_SIGNATURE),
                Arguments.of("signed by another key under the trusted kid", text(signed(STRANGER, protectedHeader(ED), unprotected())),
                        Reason.BAD_SIGNATURE),
                Arguments.of("payload changed after signing", text(valid().Set(2, Forge.claimsMap().Set(2, "holder-0000").EncodeToBytes())),
                        Reason.BAD_SIGNATURE),
                Arguments.of("protected header re-encoded (alg -8 as 0x38 0x07)", text(valid().Set(0,
                        concat(new byte[] {(byte) 0xA2, 0x01, 0x38, 0x07, 0x04}, bstr(KID)))), Reason.BAD_SIGNATURE),
                Arguments.of("signature with one bit flipped", text(valid().Set(3, flipBit(signature(valid()), 100))), Reason.BAD_SIGNATURE),
                Arguments.of("signature of 63 bytes", text(valid().Set(3, Arrays.copyOf(signature(valid()), 63))), Reason.BAD_SIGNATURE),
                Arguments.of("signature of 65 bytes", text(valid().Set(3, Arrays.copyOf(signature(valid()), 65))), Reason.BAD_SIGNATURE),
                Arguments.of("signature empty", text(valid().Set(3, new byte[0])), Reason.BAD_SIGNATURE),
                Arguments.of("ES256 signature r = s = 0", text(validEs256().Set(3, new byte[64])), Reason.BAD_SIGNATURE),
                Arguments.of("ES256 signature r = s = n", text(validEs256().Set(3, concat(P256_ORDER, P256_ORDER))), Reason.BAD_SIGNATURE),
                Arguments.of("EdDSA signature all zeros", text(valid().Set(3, new byte[64])), Reason.BAD_SIGNATURE));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("cases")
    void badCose_isRefusedWithItsReason(String name, String text, Reason expected) {
        assertReason(expected, verifier().verify(text, NOW));
    }

    static Stream<Arguments> deepNesting() {
        byte[] emptyMap = {(byte) 0xA0};
        byte[] zero = {0};
        return Stream.of(
                Arguments.of("4,000 nested arrays as the COSE_Sign1", text(nested(0x81, 4_000, zero), true), Reason.BAD_COSE),
                Arguments.of("4,000 nested indefinite arrays", text(nested(0x9F, 4_000, zero), true), Reason.BAD_COSE),
                Arguments.of("4,000 nested tags", text(nested(0xC6, 4_000, zero), true), Reason.BAD_COSE),
                Arguments.of("2,000 nested maps", text(nestedMaps(2_000), true), Reason.BAD_COSE),
                Arguments.of("3,000 nested arrays inside tag 18", text(concat(new byte[] {(byte) 0xD2}, nested(0x81, 3_000, zero)), true),
                        Reason.BAD_COSE),
                Arguments.of("3,000 nested arrays in the unprotected header", text(rawCose(protectedHeader(ED),
                        concat(new byte[] {(byte) 0xA1, 0x18, 0x63}, nested(0x81, 3_000, zero)))), Reason.BAD_COSE),
                Arguments.of("3,000 nested arrays in the protected header", text(rawCose(
                        concat(new byte[] {(byte) 0xA3, 0x01, 0x27, 0x04}, bstr(KID), new byte[] {0x18, 0x63}, nested(0x81, 3_000, zero)),
                        emptyMap)), Reason.BAD_COSE),
                Arguments.of("3,000 nested arrays as the signature", text(concat(new byte[] {(byte) 0x84}, bstr(protectedHeader(ED)), emptyMap,
                        bstr(PAYLOAD), nested(0x81, 3_000, zero)), true), Reason.BAD_COSE),
                Arguments.of("100 nested arrays in the unprotected header are fine", text(rawCose(protectedHeader(ED),
                        concat(new byte[] {(byte) 0xA1, 0x18, 0x63}, nested(0x81, 100, zero)))), Reason.OK));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("deepNesting")
    void deepNesting_isRefusedFast(String name, String text, Reason expected) {
        assertTrue(text.length() <= CredentialVerifier.MAX_TEXT_LENGTH, "fixture must fit a QR code");
        assertReason(expected, verifyWithin(FAST, verifier(), text, NOW));
    }

    @Test
    void severalKeysShareAKid_andOnlyTheSecondVerifies_isAccepted() {
        TrustedKey impostor = STRANGER.publicKey().withKeyId(ED.keyId());
        TrustStore trust = TrustStore.of(List.of(impostor, ED.publicKey()));
        assertEquals(2, trust.keysFor(ED.keyId()).size(), "keys under the shared kid");

        Verification result = verifier(trust).verify(text(COSE, true), NOW);

        Verification.Verified verified = assertInstanceOf(Verification.Verified.class, result, result::toString);
        assertEquals(Forge.claims(), verified.credential().claims());
        assertEquals(ED.keyId(), verified.credential().keyId());
    }

    @Test
    void keysOfBothAlgorithmsShareAKid_theOneMatchingAlgVerifies() {
        TrustStore trust = TrustStore.of(List.of(EC.publicKey().withKeyId(ED.keyId()), ED.publicKey()));

        assertReason(Reason.OK, verifier(trust).verify(text(COSE, true), NOW));
    }

    @Test
    void severalKeysShareAKid_andNoneVerifies_isBadSignature() {
        TrustStore trust = TrustStore.of(List.of(STRANGER.publicKey().withKeyId(ED.keyId()), EC.publicKey().withKeyId(ED.keyId())));

        assertReason(Reason.BAD_SIGNATURE, verifier(trust).verify(text(COSE, true), NOW));
    }

    @Test
    void signedByAnotherKeyWithTheTrustedKeysKid_isBadSignature() {
        String forged = text(signed(STRANGER, protectedHeader(ED), unprotected()));

        assertReason(Reason.BAD_SIGNATURE, verifier(TrustStore.of(List.of(ED.publicKey()))).verify(forged, NOW));
    }

    // --- fixtures ---

    /** n, the order of P-256's base point: r or s equal to it is out of range. */
    private static final byte[] P256_ORDER = unsigned32(ECNamedCurveTable.getByName("P-256").getN());

    private static CBORObject unprotected() {
        return CBORObject.NewOrderedMap();
    }

    /** A fresh, valid, untagged COSE_Sign1 by {@link Forge#ED}; tests change one member. */
    private static CBORObject valid() {
        return signed(ED, protectedHeader(ED), unprotected());
    }

    private static CBORObject validEs256() {
        return signed(EC, protectedHeader(EC), unprotected());
    }

    /** Signed over exactly {@code protectedBytes}, so only what the test changed is wrong. */
    private static CBORObject signed(IssuerKey signer, byte[] protectedBytes, CBORObject unprotected) {
        return coseSign1(signer, protectedBytes, unprotected, PAYLOAD);
    }

    private static byte[] header(Object alg, Object kid) {
        return CBORObject.NewOrderedMap().Add(1, alg).Add(4, kid).EncodeToBytes();
    }

    /** A COSE_Sign1 from raw header bytes, validly signed by {@link Forge#ED}. */
    private static byte[] rawCose(byte[] protectedBytes, byte[] rawUnprotected) {
        byte[] signature = ED.sign(CoseSign1.sigStructure(protectedBytes, PAYLOAD));
        return concat(new byte[] {(byte) 0x84}, bstr(protectedBytes), rawUnprotected, bstr(PAYLOAD), bstr(signature));
    }

    private static String text(CBORObject cose) {
        return Forge.text(cose);
    }

    private static String text(byte[] cose) {
        return Forge.text(cose, true);
    }

    private static String text(byte[] payloadBytes, boolean compress) {
        return Forge.text(payloadBytes, compress);
    }

    /** A valid ES256 credential whose signature is re-encoded as DER SEQUENCE {r, s}. */
    private static CBORObject derSigned() {
        CBORObject cose = validEs256();
        byte[] raw = signature(cose);
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(raw, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(raw, 32, 64));
        try {
            return cose.Set(3, new DERSequence(new ASN1Integer[] {new ASN1Integer(r), new ASN1Integer(s)}).getEncoded("DER"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] signature(CBORObject cose) {
        return cose.get(3).GetByteString();
    }

    private static CBORObject withoutLast(CBORObject array) {
        CBORObject shorter = CBORObject.NewArray();
        for (int i = 0; i < array.size() - 1; i++) {
            shorter.Add(array.get(i));
        }
        return shorter;
    }

    private static byte[] flipBit(byte[] bytes, int bit) {
        byte[] copy = bytes.clone();
        copy[bit / 8] ^= (byte) (1 << (bit % 8));
        return copy;
    }

    private static byte[] nestedMaps(int depth) {
        byte[] bytes = new byte[depth * 2 + 1];
        for (int i = 0; i < depth; i++) {
            bytes[2 * i] = (byte) 0xA1; // map of one pair
            bytes[2 * i + 1] = 0x00;    // key 0, value: the next map
        }
        return bytes; // the innermost value is the final 0x00
    }

    private static byte[] unsigned32(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return Arrays.copyOfRange(bytes, bytes.length - 32, bytes.length);
    }
}
