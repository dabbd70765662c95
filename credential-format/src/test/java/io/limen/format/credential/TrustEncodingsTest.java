package io.limen.format.credential;

import static io.limen.format.credential.Forge.ED;
import static io.limen.format.credential.Forge.NOW;
import static io.limen.format.credential.Forge.assertReason;
import static io.limen.format.credential.Forge.issue;
import static io.limen.format.credential.Forge.verifier;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.format.Reason;
import io.limen.format.cose.OpensslKeys;
import io.limen.format.cose.Pem;
import java.io.IOException;
import java.util.Base64;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.Test;

/**
 * Two encodings of one key or one issuer are one key and one issuer: for kids, for the bound-and-unbound
 * guard, and for bindings (issue 5, item 2).
 */
class TrustEncodingsTest {

    private static final String ACME = "https://acme.example";
    /** The P-256 key of {@link OpensslKeys#PKCS8_P256}, as an issuer. */
    private static final IssuerKey OPENSSL_P256 = IssuerKey.fromPem(OpensslKeys.PKCS8_P256, "p256.key");

    private static String signedAs(IssuerKey signer, String iss) {
        return issue(signer, Forge.claimsMap().Set(ClaimsReader.ISS, iss));
    }

    @Test
    void credentialOfAP256Key_verifiesAgainstTheKeyWrittenWithACompressedPoint() {
        TrustStore compressed = TrustStore.fromPem(OpensslKeys.PUBLIC_COMPRESSED, "trust.pem");

        assertReason(Reason.OK, verifier(compressed).verify(signedAs(OPENSSL_P256, ACME), NOW));
        assertEquals(OPENSSL_P256.keyId(), compressed.keys().get(0).keyId());
    }

    @Test
    void p256KeyBoundAndAgainUnboundInCompressedForm_isRefused() {
        String pem = "Issuer: " + ACME + "\n" + OpensslKeys.PUBLIC_UNCOMPRESSED + OpensslKeys.PUBLIC_COMPRESSED;

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrustStore.fromPem(pem, "trust.pem"));

        assertEquals("trust.pem: PEM block 2 (line 6): the key of block 1 is bound to an issuer, but block 2 lists it again unbound,"
                + " which would trust it for every issuer", e.getMessage());
    }

    @Test
    void p256KeyUnboundInCompressedFormThenBound_isRefused() {
        String pem = OpensslKeys.PUBLIC_COMPRESSED + "Issuer: " + ACME + "\n" + OpensslKeys.PUBLIC_UNCOMPRESSED;

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrustStore.fromPem(pem, "trust.pem"));

        assertTrue(e.getMessage().endsWith("the key of block 2 is bound to an issuer, but block 1 lists it again unbound,"
                + " which would trust it for every issuer"), e.getMessage());
    }

    @Test
    void ed25519KeyBoundAndAgainUnboundWithNullParameters_isRefused() throws IOException {
        byte[] raw = SubjectPublicKeyInfo.getInstance(ED.publicKey().spki()).getPublicKeyData().getBytes();
        byte[] withNull = new SubjectPublicKeyInfo(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519, DERNull.INSTANCE), raw)
                .getEncoded("DER");
        String pem = ED.publicKeyPem(ACME) + Pem.write(Pem.PUBLIC_KEY, withNull);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrustStore.fromPem(pem, "trust.pem"));

        assertTrue(e.getMessage().endsWith("which would trust it for every issuer"), e.getMessage());
    }

    @Test
    void keyWrittenWithOtherBase64LineLengths_isOneKey() {
        byte[] der = ED.publicKey().spki();
        String oneLine = "-----BEGIN PUBLIC KEY-----\n" + Base64.getEncoder().encodeToString(der) + "\n-----END PUBLIC KEY-----\n";
        String shortLines = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(16, "\r\n".getBytes()).encodeToString(der)
                + "\n-----END PUBLIC KEY-----\n";

        assertThrows(IllegalArgumentException.class, () -> TrustStore.fromPem(ED.publicKeyPem(ACME) + oneLine, "trust.pem"));
        assertThrows(IllegalArgumentException.class, () -> TrustStore.fromPem(ED.publicKeyPem(ACME) + shortLines, "trust.pem"));
        assertEquals(1, TrustStore.fromPem(oneLine + shortLines, "trust.pem").keysFor(ED.keyId()).size(), "one key, listed twice");
    }

    @Test
    void issuerLineInDecomposedForm_bindsTheComposedIssuer() {
        // "é" as e + U+0301, as some editors and macOS file names write it; credentials carry U+00E9.
        TrustStore trust = TrustStore.fromPem("Issuer: https://cafe\u0301.example\n" + ED.publicKeyPem(), "trust.pem");

        assertEquals("https://caf\u00E9.example", trust.keys().get(0).issuer().orElseThrow());
        assertReason(Reason.OK, verifier(trust).verify(signedAs(ED, "https://caf\u00E9.example"), NOW));
    }

    @Test
    void issuerLineEndingInANoBreakSpace_isRefused_notSilentlyNeverMatched() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrustStore.fromPem("Issuer: " + ACME + "\u00A0\n" + ED.publicKeyPem(), "trust.pem"));

        assertEquals("trust.pem: PEM block 1 (line 2): the issuer on line 1 must be 1..256 bytes of UTF-8 text on one line, without"
                + " control characters or blanks at either end, but it ends with a blank (U+00A0): 'https://acme.example\\u00A0'", e.getMessage());
    }

    @Test
    void issuerLineThatWasNotUtf8_isRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrustStore.fromPem("Issuer: caf\uFFFD\n" + ED.publicKeyPem(), "trust.pem"));

        assertTrue(e.getMessage().endsWith("the Issuer: line on line 1 is not valid UTF-8 (save the file as UTF-8)"), e.getMessage());
    }
}
