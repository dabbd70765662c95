package io.limen.format.lists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.upokecenter.cbor.CBORObject;
import io.limen.format.cose.CoseAlgorithm;
import io.limen.format.cose.CoseSign1;
import io.limen.format.cose.KeyId;
import io.limen.format.cose.SigningKey;
import io.limen.format.cose.VerifyingKey;
import io.limen.format.credential.RevocationKey;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ListDocumentsTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final SigningKey LIST_KEY = SigningKey.generate(CoseAlgorithm.EDDSA, RANDOM);
    private static final SigningKey OTHER_KEY = SigningKey.generate(CoseAlgorithm.EDDSA, RANDOM);
    private static final SigningKey ISSUER_KEY = SigningKey.generate(CoseAlgorithm.ES256, RANDOM);
    private static final Instant ISSUED = Instant.parse("2026-11-30T12:00:00Z");
    private static final RevocationKey ALICE = RevocationKey.of("https://issuer.example", new byte[] {1});
    private static final RevocationKey BOB = RevocationKey.of("https://issuer.example", new byte[] {2});

    private static Function<KeyId, List<VerifyingKey>> signers(SigningKey... keys) {
        return kid -> java.util.Arrays.stream(keys).map(SigningKey::verifyingKey).filter(k -> k.keyId().equals(kid)).toList();
    }

    private static ListHeader delta(long base, long version) {
        return new ListHeader(ListKind.REVOCATIONS, "*", version, OptionalLong.of(base), ISSUED, ISSUED.plusSeconds(3600), Optional.empty());
    }

    @Test
    void revocationDelta_roundTrips() {
        ListDocument.Revocations doc = new ListDocument.Revocations(delta(4, 5), List.of(ALICE), List.of(BOB));
        ListResult result = ListDocuments.read(ListDocuments.sign(LIST_KEY, doc), signers(LIST_KEY));
        ListResult.Accepted accepted = assertInstanceOf(ListResult.Accepted.class, result);
        ListDocument.Revocations read = assertInstanceOf(ListDocument.Revocations.class, accepted.document());
        assertEquals(doc.header(), read.header());
        assertEquals(List.of(ALICE), read.added());
        assertEquals(List.of(BOB), read.removed());
        assertEquals(LIST_KEY.verifyingKey(), accepted.signer());
    }

    @Test
    void trustList_roundTrips_withBindingAndValidity() {
        ListHeader header = new ListHeader(ListKind.TRUST, "*", 3, OptionalLong.empty(), ISSUED, ISSUED.plusSeconds(86_400), Optional.empty());
        TrustEntry entry = new TrustEntry(Optional.of("https://issuer.example"), ISSUER_KEY.verifyingKey(),
                ISSUED.minusSeconds(10), ISSUED.plusSeconds(365 * 86_400L));
        ListDocument.Trust doc = new ListDocument.Trust(header, List.of(entry));
        ListResult.Accepted accepted = assertInstanceOf(ListResult.Accepted.class,
                ListDocuments.read(ListDocuments.sign(LIST_KEY, doc), signers(LIST_KEY)));
        ListDocument.Trust read = assertInstanceOf(ListDocument.Trust.class, accepted.document());
        assertEquals(List.of(entry), read.keys());
    }

    @Test
    void signedByAnIssuerKeyOrAnUnknownKey_isAnUnknownSigner() {
        byte[] byIssuer = ListDocuments.sign(ISSUER_KEY, new ListDocument.Revocations(delta(1, 2), List.of(ALICE), List.of()));
        assertProblem(ListProblem.UNKNOWN_SIGNER, ListDocuments.read(byIssuer, signers(LIST_KEY)));
    }

    @Test
    void aChangedSignature_isABadSignature() {
        byte[] signed = ListDocuments.sign(LIST_KEY, new ListDocument.Revocations(delta(1, 2), List.of(ALICE), List.of()));
        signed[signed.length - 1] ^= 1;
        assertProblem(ListProblem.BAD_SIGNATURE, ListDocuments.read(signed, signers(LIST_KEY)));
    }

    @Test
    void notCose_isBadCose() {
        assertProblem(ListProblem.BAD_COSE, ListDocuments.read(new byte[] {1, 2, 3}, signers(LIST_KEY)));
    }

    @Test
    void moreThanTheCap_isTooLarge_beforeAnyParsing() {
        assertProblem(ListProblem.TOO_LARGE, ListDocuments.read(new byte[ListDocuments.MAX_BYTES + 1], signers(LIST_KEY)));
    }

    @Test
    void aByteStringClaiming2GiB_isBadCose_notAnAllocation() {
        // COSE_Sign1 tag, array of 4, then a byte string whose head claims 2^31 bytes, and nothing after it.
        byte[] claims = {(byte) 0xD2, (byte) 0x84, 0x5A, (byte) 0x80, 0, 0, 0};
        assertProblem(ListProblem.BAD_COSE, ListDocuments.read(claims, signers(LIST_KEY)));
    }

    @Test
    void theSameKeyTwice_isADuplicateEntry() {
        byte[] signed = signPayload(ListDocuments.payload(new ListDocument.Revocations(delta(1, 2), List.of(ALICE, BOB), List.of()))
                .clone(), m -> m.get(8).Add(ALICE.toBytes()));
        assertProblem(ListProblem.DUPLICATE_ENTRY, ListDocuments.read(signed, signers(LIST_KEY)));
    }

    @Test
    void aKeyBothAddedAndRemoved_isADuplicateEntry() {
        byte[] signed = ListDocuments.sign(LIST_KEY, new ListDocument.Revocations(delta(1, 2), List.of(ALICE), List.of(ALICE)));
        assertProblem(ListProblem.DUPLICATE_ENTRY, ListDocuments.read(signed, signers(LIST_KEY)));
    }

    @Test
    void aKeyOf15Bytes_isMalformed() {
        byte[] signed = signPayload(ListDocuments.payload(new ListDocument.Revocations(delta(1, 2), List.of(ALICE), List.of())),
                m -> m.get(8).Add(new byte[15]));
        ListResult.Refused refused = assertProblem(ListProblem.MALFORMED, ListDocuments.read(signed, signers(LIST_KEY)));
        assertEquals("added entry 1 must be a 16-byte revocation key", refused.detail());
    }

    @Test
    void aMissingVersion_isMalformed_namingTheField() {
        byte[] signed = signPayload(ListDocuments.payload(new ListDocument.Revocations(delta(1, 2), List.of(ALICE), List.of())),
                m -> m.Remove(CBORObject.FromObject(3)));
        ListResult.Refused refused = assertProblem(ListProblem.MALFORMED, ListDocuments.read(signed, signers(LIST_KEY)));
        assertEquals("field 3 (version) is missing", refused.detail());
    }

    @Test
    void moreEntriesThanTheCap_isTooLarge() {
        List<RevocationKey> keys = new ArrayList<>();
        for (int i = 0; i <= ListDocuments.MAX_ENTRIES; i++) {
            keys.add(new RevocationKey(i, i));
        }
        byte[] signed = ListDocuments.sign(LIST_KEY, new ListDocument.Revocations(delta(1, 2), keys, List.of()));
        assertProblem(ListProblem.TOO_LARGE, ListDocuments.read(signed, signers(LIST_KEY)));
    }

    @ParameterizedTest
    @EnumSource(ListProblem.class)
    void everyProblemCode_isStable_andFoundByItsCode(ListProblem problem) {
        assertEquals(problem.name().toLowerCase(java.util.Locale.ROOT), problem.code());
        assertEquals(Optional.of(problem), ListProblem.fromCode(problem.code()));
    }

    private static byte[] signPayload(byte[] payload, java.util.function.Consumer<CBORObject> change) {
        CBORObject map = CBORObject.DecodeFromBytes(payload);
        change.accept(map);
        return CoseSign1.sign(LIST_KEY, map.EncodeToBytes());
    }

    private static ListResult.Refused assertProblem(ListProblem expected, ListResult result) {
        ListResult.Refused refused = assertInstanceOf(ListResult.Refused.class, result, result::toString);
        assertEquals(expected, refused.problem(), refused::toString);
        return refused;
    }
}
