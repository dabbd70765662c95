package io.limen.format.credential;

import static io.limen.format.credential.ClaimsReader.ACCESS;
import static io.limen.format.credential.ClaimsReader.ACCESS_DISPLAY_NAME;
import static io.limen.format.credential.ClaimsReader.ACCESS_ZONES;
import static io.limen.format.credential.ClaimsReader.CNF;
import static io.limen.format.credential.ClaimsReader.CTI;
import static io.limen.format.credential.ClaimsReader.EXP;
import static io.limen.format.credential.ClaimsReader.IAT;
import static io.limen.format.credential.ClaimsReader.ISS;
import static io.limen.format.credential.ClaimsReader.NBF;
import static io.limen.format.credential.ClaimsReader.SUB;
import static io.limen.format.credential.Forge.ED;
import static io.limen.format.credential.Forge.NOW;
import static io.limen.format.credential.Forge.assertReason;
import static io.limen.format.credential.Forge.concat;
import static io.limen.format.credential.Forge.issue;
import static io.limen.format.credential.Forge.nested;
import static io.limen.format.credential.Forge.verifier;
import static io.limen.format.credential.Forge.verifyWithin;

import com.upokecenter.cbor.CBORObject;
import com.upokecenter.numbers.EInteger;
import io.limen.format.Reason;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CWT claims. Every credential here is signed by the trusted key, so the signature holds and
 * only the claim under test is wrong.
 */
class ClaimsBadInputTest {

    private static final Duration FAST = Duration.ofMillis(50);
    private static final Reason BAD = Reason.BAD_CLAIMS;

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                // 1 iss: text of 1..256 bytes.
                row("iss as an integer", with(ISS, 42), BAD),
                row("iss as bytes", with(ISS, new byte[] {'a'}), BAD),
                row("iss empty", with(ISS, ""), BAD),
                row("iss of 257 bytes", with(ISS, "i".repeat(257)), BAD),
                row("iss as an array", with(ISS, CBORObject.NewArray().Add("https://issuer.example")), BAD),
                row("iss nil", with(ISS, CBORObject.Null), BAD),
                row("iss true", with(ISS, CBORObject.True), BAD),
                row("iss tagged (32, URI)", with(ISS, CBORObject.FromObject("https://issuer.example").WithTag(32)), BAD),
                // 2 sub: text.
                row("sub as an integer", with(SUB, 7), BAD),
                row("sub as bytes", with(SUB, new byte[] {1}), BAD),
                row("sub empty", with(SUB, ""), BAD),
                row("sub as a map", with(SUB, CBORObject.NewMap()), BAD),
                row("sub as a float", with(SUB, 1.5), BAD),
                // 4 exp: NumericDate.
                row("exp as text", with(EXP, "2026-12-27T12:00:00Z"), BAD),
                row("exp as bytes", with(EXP, new byte[] {0x6a}), BAD),
                row("exp true", with(EXP, CBORObject.True), BAD),
                row("exp nil", with(EXP, CBORObject.Null), BAD),
                row("exp undefined", with(EXP, CBORObject.Undefined), BAD),
                row("exp NaN", with(EXP, Double.NaN), BAD),
                row("exp +infinity", with(EXP, Double.POSITIVE_INFINITY), BAD),
                row("exp -1", with(EXP, -1), BAD),
                row("exp in the year 10000", with(EXP, 253_402_300_800L), BAD),
                row("exp 2^64 (bignum)", with(EXP, EInteger.FromString("18446744073709551616")), BAD),
                row("exp tagged (1, epoch date)", with(EXP, CBORObject.FromObject(NOW.getEpochSecond() + 86_400).WithTag(1)), BAD),
                row("exp as an array", with(EXP, CBORObject.NewArray().Add(NOW.getEpochSecond())), BAD),
                // 5 nbf: NumericDate when present.
                row("nbf as text", with(NBF, "yesterday"), BAD),
                row("nbf as bytes", with(NBF, new byte[4]), BAD),
                row("nbf nil", with(NBF, CBORObject.Null), BAD),
                row("nbf -1", with(NBF, -1), BAD),
                row("nbf NaN", with(NBF, Double.NaN), BAD),
                row("nbf as a map", with(NBF, CBORObject.NewMap()), BAD),
                // 6 iat: NumericDate.
                row("iat as text", with(IAT, "2026-11-26"), BAD),
                row("iat as bytes", with(IAT, new byte[4]), BAD),
                row("iat nil", with(IAT, CBORObject.Null), BAD),
                row("iat -infinity", with(IAT, Double.NEGATIVE_INFINITY), BAD),
                row("iat as an array", with(IAT, CBORObject.NewArray()), BAD),
                // 7 cti: 1..16 bytes.
                row("cti as text", with(CTI, "0102030405060708"), BAD),
                row("cti as an integer", with(CTI, 42), BAD),
                row("cti of 0 bytes", with(CTI, new byte[0]), BAD),
                row("cti of 17 bytes", with(CTI, new byte[17]), BAD),
                row("cti as an array", with(CTI, CBORObject.NewArray().Add(new byte[8])), BAD),
                row("cti nil", with(CTI, CBORObject.Null), BAD),
                row("cti tagged (2, bignum)", with(CTI, CBORObject.FromObject(new byte[8]).WithTag(2)), BAD),
                row("cti of 1 byte", with(CTI, new byte[1]), Reason.OK),
                row("cti of 16 bytes", with(CTI, new byte[16]), Reason.OK),
                // 8 cnf: {1: COSE_Key} with an Ed25519 or P-256 key.
                row("cnf as text", with(CNF, "holder"), BAD),
                row("cnf as an array", with(CNF, CBORObject.NewArray()), BAD),
                row("cnf as an integer", with(CNF, 1), BAD),
                row("cnf empty map", with(CNF, CBORObject.NewMap()), BAD),
                row("cnf key as text", with(CNF, cnf(CBORObject.FromObject("key"))), BAD),
                row("cnf key without x", with(CNF, cnf(CBORObject.NewOrderedMap().Add(1, 1).Add(-1, 6))), BAD),
                row("cnf key x of 31 bytes", with(CNF, cnf(okp(new byte[31]))), BAD),
                row("cnf key x as text", with(CNF, cnf(CBORObject.NewOrderedMap().Add(1, 1).Add(-1, 6).Add(-2, "x"))), BAD),
                row("cnf key kty as text \"OKP\"", with(CNF, cnf(CBORObject.NewOrderedMap().Add(1, "OKP").Add(-1, 6).Add(-2, new byte[32]))), BAD),
                row("cnf key crv missing", with(CNF, cnf(CBORObject.NewOrderedMap().Add(1, 1).Add(-2, new byte[32]))), BAD),
                row("cnf key OKP on P-256", with(CNF, cnf(CBORObject.NewOrderedMap().Add(1, 1).Add(-1, 1).Add(-2, new byte[32]))), BAD),
                row("cnf key RSA (kty 3)", with(CNF, cnf(CBORObject.NewOrderedMap().Add(1, 3).Add(-1, 6).Add(-2, new byte[32]))), BAD),
                row("cnf key EC2 without y", with(CNF, cnf(CBORObject.NewOrderedMap().Add(1, 2).Add(-1, 1).Add(-2, new byte[32]))), BAD),
                row("cnf key EC2 y of 33 bytes", with(CNF, cnf(ec2(new byte[33]))), BAD),
                // A key the issuer signed that is no key: refused when read, not at each holder signature.
                row("cnf key EC2 point (0, 0), not on P-256", with(CNF, cnf(ec2(new byte[32]))), BAD),
                row("cnf key EC2 on P-384 (crv 2)", with(CNF, cnf(CBORObject.NewOrderedMap().Add(1, 2).Add(-1, 2)
                        .Add(-2, new byte[48]).Add(-3, new byte[48]))), BAD),
                row("cnf key EC2 on the P-256 curve", with(CNF, cnf(ec2(Forge.HOLDER_EC))), Reason.OK),
                // -65537 access: a map.
                row("access as an array", with(ACCESS, CBORObject.NewArray().Add("lobby")), BAD),
                row("access as text", with(ACCESS, "lobby"), BAD),
                row("access as an integer", with(ACCESS, 1), BAD),
                row("access nil", with(ACCESS, CBORObject.Null), BAD),
                row("access empty map", with(ACCESS, CBORObject.NewMap()), Reason.OK),
                // -65537/1 zones: an array of at most 64 texts.
                row("zones as text", withAccess(ACCESS_ZONES, "lobby"), BAD),
                row("zones as a map", withAccess(ACCESS_ZONES, CBORObject.NewMap().Add(1, "lobby")), BAD),
                row("zones holding an integer", withAccess(ACCESS_ZONES, CBORObject.NewArray().Add("lobby").Add(3)), BAD),
                row("zones holding empty text", withAccess(ACCESS_ZONES, CBORObject.NewArray().Add("")), BAD),
                row("zones holding nil", withAccess(ACCESS_ZONES, CBORObject.NewArray().Add(CBORObject.Null)), BAD),
                row("zones holding an array", withAccess(ACCESS_ZONES, CBORObject.NewArray().Add(CBORObject.NewArray().Add("lobby"))), BAD),
                row("65 zones", withAccess(ACCESS_ZONES, zones(65)), BAD),
                row("64 zones", withAccess(ACCESS_ZONES, zones(64)), Reason.OK),
                row("zones empty array (every zone, or none?)", withAccess(ACCESS_ZONES, CBORObject.NewArray()), BAD),
                // -65537/2 display name: text.
                row("display name as an integer", withAccess(ACCESS_DISPLAY_NAME, 42), BAD),
                row("display name as bytes", withAccess(ACCESS_DISPLAY_NAME, new byte[] {'A'}), BAD),
                row("display name empty", withAccess(ACCESS_DISPLAY_NAME, ""), BAD),
                row("display name of 257 bytes", withAccess(ACCESS_DISPLAY_NAME, "\u00E9".repeat(128) + "x"), BAD),
                row("display name as an array", withAccess(ACCESS_DISPLAY_NAME, CBORObject.NewArray().Add("Ada")), BAD),
                // One rule for every text (ClaimText): what a trust file, a terminal's zone or a revocation key could
                // never match byte for byte is refused, not carried.
                row("iss with a trailing blank", with(ISS, "https://issuer.example "), BAD),
                row("iss with a leading no-break space", with(ISS, "\u00A0https://issuer.example"), BAD),
                row("iss with a newline", with(ISS, "https://issuer.example\nIssuer: other"), BAD),
                row("iss with a NUL", with(ISS, "https://issuer.example\u0000"), BAD),
                row("iss with a right-to-left override", with(ISS, "https://\u202Eelpmaxe.rertsi"), BAD),
                row("iss in NFD (e then a combining acute)", with(ISS, "https://cafe\u0301.example"), BAD),
                row("iss in NFC (é)", with(ISS, "https://caf\u00E9.example"), Reason.OK),
                row("sub with a tab", with(SUB, "holder\t7f3a"), BAD),
                row("zone with a leading blank", withAccess(ACCESS_ZONES, CBORObject.NewArray().Add(" lobby")), BAD),
                row("zone with a line separator", withAccess(ACCESS_ZONES, CBORObject.NewArray().Add("lobby\u2028floor-3")), BAD),
                row("display name with a carriage return", withAccess(ACCESS_DISPLAY_NAME, "Ada\rL."), BAD),
                row("display name with an emoji and a zero-width joiner", withAccess(ACCESS_DISPLAY_NAME, "Ada \uD83D\uDC69\u200D\uD83D\uDCBB"),
                        Reason.OK),
                // Leniencies the format allows.
                row("exp as a float (RFC 8392)", with(EXP, (double) Forge.EXPIRES_AT.getEpochSecond() + 0.5), Reason.OK),
                row("iss of 256 bytes", with(ISS, "i".repeat(256)), Reason.OK),
                row("unknown integer claim", Forge.claimsMap().Add(99, CBORObject.NewArray().Add("future")), Reason.OK),
                row("unknown text claim", Forge.claimsMap().Add("x-limen", 1), Reason.OK));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("wrongTypes")
    void claimOfTheWrongType_isRefusedAsBadClaims(String name, String text, Reason expected) {
        assertReason(expected, verifier().verify(text, NOW));
    }

    static Stream<Arguments> missing() {
        return Stream.of(
                row("iss missing", without(ISS), BAD),
                row("sub missing", without(SUB), BAD),
                row("exp missing", without(EXP), BAD),
                row("iat missing", without(IAT), BAD),
                row("cti missing", without(CTI), BAD),
                row("nbf missing (optional)", without(NBF), Reason.OK),
                row("cnf missing (optional)", without(CNF), Reason.OK),
                row("access missing (optional)", without(ACCESS), Reason.OK),
                row("zones missing (optional)", withoutInAccess(ACCESS_ZONES), Reason.OK),
                row("display name missing (optional)", withoutInAccess(ACCESS_DISPLAY_NAME), Reason.OK));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("missing")
    void missingRequiredClaim_isRefusedAsBadClaims(String name, String text, Reason expected) {
        assertReason(expected, verifier().verify(text, NOW));
    }

    static Stream<Arguments> notAClaimsMap() {
        byte[] valid = Forge.claimsMap().EncodeToBytes();
        // The same map with one more pair, a second iss: the head's count is in its low 5 bits.
        byte[] duplicateIss = concat(new byte[] {(byte) (valid[0] + 1)}, Arrays.copyOfRange(valid, 1, valid.length),
                CBORObject.FromObject(ISS).EncodeToBytes(), CBORObject.FromObject("https://other.example").EncodeToBytes());
        return Stream.of(
                row("claims as an array", issue(ED, CBORObject.NewArray().Add(1)), BAD),
                row("claims as text", issue(ED, CBORObject.FromObject("claims")), BAD),
                row("claims as an integer", issue(ED, CBORObject.FromObject(0)), BAD),
                row("claims nil", issue(ED, CBORObject.Null), BAD),
                row("claims map tagged (61, CWT)", issue(ED, Forge.claimsMap().WithTag(61)), BAD),
                row("claims empty", issue(ED, new byte[0]), BAD),
                row("claims truncated", issue(ED, Arrays.copyOf(valid, valid.length - 1)), BAD),
                row("claims with a trailing byte", issue(ED, concat(valid, new byte[] {0})), BAD),
                row("claims with iss twice", issue(ED, duplicateIss), BAD),
                row("claims with invalid UTF-8", issue(ED, new byte[] {(byte) 0xA1, 0x01, 0x62, (byte) 0xC3, 0x28}), BAD),
                row("claims of a map with a reserved byte", issue(ED, new byte[] {(byte) 0xA1, 0x01, 0x1C}), BAD));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("notAClaimsMap")
    void payloadThatIsNotAClaimsMap_isRefusedAsBadClaims(String name, String text, Reason expected) {
        assertReason(expected, verifier().verify(text, NOW));
    }

    static Stream<Arguments> deepNesting() {
        byte[] zero = {0};
        byte[] valid = Forge.claimsMap().EncodeToBytes();
        // The valid map with one more pair, 99: [[[...]]]: a claim terminals must ignore, if they can read it.
        byte[] head = {(byte) (valid[0] + 1)};
        byte[] rest = Arrays.copyOfRange(valid, 1, valid.length);
        byte[] label99 = {0x18, 0x63};
        return Stream.of(
                row("3,000 nested arrays in an unknown claim", issue(ED, concat(head, rest, label99, nested(0x81, 3_000, zero))), BAD),
                row("3,000 nested tags in an unknown claim", issue(ED, concat(head, rest, label99, nested(0xC6, 3_000, zero))), BAD),
                row("3,000 nested arrays as the claims", issue(ED, nested(0x81, 3_000, zero)), BAD),
                row("3,000 nested indefinite arrays in an unknown claim", issue(ED, concat(head, rest, label99, nested(0x9F, 3_000, zero))), BAD),
                row("100 nested arrays in an unknown claim are ignored", issue(ED, concat(head, rest, label99, nested(0x81, 100, zero))),
                        Reason.OK));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("deepNesting")
    void deeplyNestedClaims_areRefusedFast(String name, String text, Reason expected) {
        assertReason(expected, verifyWithin(FAST, verifier(), text, NOW));
    }

    // --- fixtures ---

    private static Arguments row(String name, String text, Reason expected) {
        return Arguments.of(name, text, expected);
    }

    private static Arguments row(String name, CBORObject claims, Reason expected) {
        return row(name, issue(ED, claims), expected);
    }

    private static CBORObject with(int label, Object value) {
        return Forge.claimsMap().Set(label, value);
    }

    private static CBORObject without(int label) {
        CBORObject claims = Forge.claimsMap();
        claims.Remove(CBORObject.FromObject(label));
        return claims;
    }

    private static CBORObject withAccess(int label, Object value) {
        CBORObject claims = Forge.claimsMap();
        Forge.accessOf(claims).Set(label, value);
        return claims;
    }

    private static CBORObject withoutInAccess(int label) {
        CBORObject claims = Forge.claimsMap();
        Forge.accessOf(claims).Remove(CBORObject.FromObject(label));
        return claims;
    }

    private static CBORObject cnf(CBORObject coseKey) {
        return CBORObject.NewOrderedMap().Add(ClaimsReader.CNF_COSE_KEY, coseKey);
    }

    /** OKP (kty 1) on Ed25519 (crv 6). */
    private static CBORObject okp(byte[] x) {
        return CBORObject.NewOrderedMap().Add(1, 1).Add(-1, 6).Add(-2, x);
    }

    /** EC2 (kty 2) on P-256 (crv 1): the point of a real key. */
    private static CBORObject ec2(io.limen.format.cose.SigningKey key) {
        byte[][] xy = key.verifyingKey().coseCoordinates();
        return CBORObject.NewOrderedMap().Add(1, 2).Add(-1, 1).Add(-2, xy[0]).Add(-3, xy[1]);
    }

    /** EC2 (kty 2) on P-256 (crv 1). */
    private static CBORObject ec2(byte[] y) {
        return CBORObject.NewOrderedMap().Add(1, 2).Add(-1, 1).Add(-2, new byte[32]).Add(-3, y);
    }

    private static CBORObject zones(int count) {
        CBORObject zones = CBORObject.NewArray();
        IntStream.range(0, count).forEach(i -> zones.Add("zone-" + i));
        return zones;
    }
}
