package io.limen.format.credential;

import static io.limen.format.credential.Forge.EC;
import static io.limen.format.credential.Forge.ED;
import static io.limen.format.credential.Forge.NOW;
import static io.limen.format.credential.Forge.assertReason;
import static io.limen.format.credential.Forge.issue;
import static io.limen.format.credential.Forge.verifier;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.format.Reason;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Keys bound to an issuer in the trust file sign for that issuer only; unbound keys for any. */
class IssuerBindingTest {

    private static final String STAFF = "https://staff.example";
    private static final String CONTRACTORS = "https://contractors.example";

    /** ED bound to the staff issuer, EC to the contractors, as a trust file says it. */
    private static final TrustStore BOUND = TrustStore.fromPem(ED.publicKeyPem(STAFF) + EC.publicKeyPem(CONTRACTORS), "trust.pem");

    private static String signedAs(IssuerKey signer, String iss) {
        return issue(signer, Forge.claimsMap().Set(ClaimsReader.ISS, iss));
    }

    @Test
    void boundKeySigningInAnotherIssuersName_isRefusedAsUntrustedIssuer_withoutItsClaims() {
        Verification result = verifier(BOUND).verify(signedAs(EC, STAFF), NOW);

        Verification.Refused refused = assertInstanceOf(Verification.Refused.class, result);
        assertEquals(Reason.UNTRUSTED_ISSUER, refused.reason());
        assertEquals("the key of kid " + EC.keyId() + " is trusted for issuer " + CONTRACTORS
                + " only, but the credential names issuer " + STAFF, refused.detail());
        assertTrue(refused.credential().isEmpty(), "claims made by a key not trusted to make them are not the holder's");
    }

    @Test
    void boundKeySigningInItsOwnIssuersName_isAccepted() {
        assertReason(Reason.OK, verifier(BOUND).verify(signedAs(ED, STAFF), NOW));
        assertReason(Reason.OK, verifier(BOUND).verify(signedAs(EC, CONTRACTORS), NOW));
    }

    @Test
    void unboundKey_isTrustedForAnyIssuer() {
        TrustStore plain = TrustStore.fromPem(ED.publicKeyPem() + EC.publicKeyPem(), "trust.pem");

        assertReason(Reason.OK, verifier(plain).verify(signedAs(EC, STAFF), NOW));
    }

    @Test
    void keyListedOncePerIssuer_isTrustedForEach_andNoOther() {
        TrustStore twice = TrustStore.fromPem(EC.publicKeyPem(STAFF) + EC.publicKeyPem(CONTRACTORS), "trust.pem");

        assertReason(Reason.OK, verifier(twice).verify(signedAs(EC, STAFF), NOW));
        assertReason(Reason.OK, verifier(twice).verify(signedAs(EC, CONTRACTORS), NOW));
        assertReason(Reason.UNTRUSTED_ISSUER, verifier(twice).verify(signedAs(EC, "https://elsewhere.example"), NOW));
    }

    @Test
    void untrustedIssuer_isCheckedBeforeTime() {
        Verification result = verifier(BOUND).verify(signedAs(EC, STAFF), Forge.EXPIRES_AT.plusSeconds(3600));

        assertReason(Reason.UNTRUSTED_ISSUER, result);
    }

    @Test
    void trustFile_issuerLineDirectlyBeforeABlock_bindsThatKeyOnly() {
        String pem = "# Lobby terminals\n" + ED.publicKeyPem() + "Issuer:   " + CONTRACTORS + "  \r\n" + EC.publicKey().toPem();

        TrustStore trust = TrustStore.fromPem(pem, "trust.pem");

        assertEquals(Optional.empty(), trust.keys().get(0).issuer());
        assertEquals(Optional.of(CONTRACTORS), trust.keys().get(1).issuer());
    }

    @Test
    void trustFile_survivesToPemAndBack_withItsBindings() {
        TrustStore again = TrustStore.fromPem(BOUND.toPem(), "again");

        assertEquals(List.of(Optional.of(STAFF), Optional.of(CONTRACTORS)), again.keys().stream().map(TrustedKey::issuer).toList());
        assertTrue(BOUND.toPem().startsWith("Issuer: " + STAFF + "\n-----BEGIN PUBLIC KEY-----\n"), BOUND.toPem());
    }

    @Test
    void trustFile_issuerLineNotDirectlyBeforeABlock_isRefused() {
        String pem = ED.publicKeyPem() + "Issuer: " + STAFF + "\n\n" + EC.publicKeyPem();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrustStore.fromPem(pem, "trust.pem"));

        assertEquals("trust.pem: PEM block 2 (line 6): the Issuer: line on line 4 must directly precede the PUBLIC KEY block it binds, but does not",
                e.getMessage());
    }

    @Test
    void trustFile_issuerLineAfterTheLastBlock_isRefused() {
        String pem = ED.publicKeyPem() + "\nIssuer: " + STAFF + "\n";

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrustStore.fromPem(pem, "trust.pem"));

        assertEquals("trust.pem: the Issuer: line on line 5 must directly precede the PUBLIC KEY block it binds, but no block follows it",
                e.getMessage());
    }

    @Test
    void trustFile_emptyIssuerLine_isRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrustStore.fromPem("issuer:\n" + ED.publicKeyPem(), "trust.pem"));

        assertEquals("trust.pem: PEM block 1 (line 2): the Issuer: line on line 1 must name an issuer, but is empty", e.getMessage());
    }

    @Test
    void bindingToAnIssuerThatCannotBeWrittenOnOneLine_isRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ED.publicKeyPem("a\nb"));

        assertEquals("issuer must be 1..256 bytes of UTF-8 text on one line, without control characters or blanks at either end,"
                + " but it holds a line break (U+000A) at character 2: 'a\\u000Ab'", e.getMessage());
    }

    @Test
    void trustFile_misspeltOrLookalikeBinding_isRefused_notTakenForAComment() {
        for (String line : new String[] {"Isuer: " + CONTRACTORS, "Issuer : " + CONTRACTORS, "Issuer\uFF1A " + CONTRACTORS,
                "\u200BIssuer: " + CONTRACTORS, "Lobby terminals"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TrustStore.fromPem(line + "\n" + EC.publicKeyPem(), "trust.pem"), line);

            assertTrue(e.getMessage().startsWith("trust.pem: PEM block 1 (line 2): outside its PEM blocks a trust file may hold only "
                    + "blank lines, # comments and Issuer: lines, but line 1 is "), e.getMessage());
        }
    }

    @Test
    void trustFile_startingWithAByteOrderMark_stillBindsItsFirstKey() {
        TrustStore trust = TrustStore.fromPem("\uFEFFIssuer: " + CONTRACTORS + "\n" + EC.publicKeyPem(), "trust.pem");

        assertReason(Reason.UNTRUSTED_ISSUER, verifier(trust).verify(signedAs(EC, STAFF), NOW));
    }

    @Test
    void trustFile_listingAKeyBoundAndAgainUnbound_isRefused() {
        String pem = EC.publicKeyPem(CONTRACTORS) + ED.publicKeyPem() + EC.publicKeyPem();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrustStore.fromPem(pem, "trust.pem"));

        assertTrue(e.getMessage().endsWith("the key of block 1 is bound to an issuer, but block 3 lists it again unbound, "
                + "which would trust it for every issuer"), e.getMessage());
    }
}
