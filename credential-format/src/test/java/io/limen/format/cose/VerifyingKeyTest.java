package io.limen.format.cose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

/** One key, one encoding: every valid SubjectPublicKeyInfo of a key is read as the canonical one, kid and all. */
class VerifyingKeyTest {

    private static final VerifyingKey UNCOMPRESSED = VerifyingKey.fromSpki(der(OpensslKeys.PUBLIC_UNCOMPRESSED));

    @Test
    void p256KeyWithACompressedPoint_asOpensslWritesIt_isTheSameKeyWithTheSameKid() {
        VerifyingKey compressed = VerifyingKey.fromSpki(der(OpensslKeys.PUBLIC_COMPRESSED));

        assertEquals(UNCOMPRESSED, compressed);
        assertEquals(UNCOMPRESSED.keyId(), compressed.keyId());
        assertArrayEquals(der(OpensslKeys.PUBLIC_UNCOMPRESSED), compressed.spki(), "the canonical form: the uncompressed point");
        assertEquals(OpensslKeys.PUBLIC_UNCOMPRESSED, compressed.toPem());
    }

    @Test
    void p256KeyWithAHybridPoint_isTheSameKey() throws IOException {
        ECPoint q = point(UNCOMPRESSED);
        byte[] x = q.getAffineXCoord().getEncoded();
        byte[] y = q.getAffineYCoord().getEncoded();
        byte[] hybrid = new byte[65];
        hybrid[0] = (byte) (q.getAffineYCoord().testBitZero() ? 0x07 : 0x06);
        System.arraycopy(x, 0, hybrid, 1, 32);
        System.arraycopy(y, 0, hybrid, 33, 32);
        byte[] spki = new SubjectPublicKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, X9ObjectIdentifiers.prime256v1), hybrid)
                .getEncoded("DER");

        assertEquals(UNCOMPRESSED.keyId(), VerifyingKey.fromSpki(spki).keyId());
    }

    @Test
    void ed25519KeyWithNullParameters_isTheSameKey() throws IOException {
        VerifyingKey plain = Keys.ED.verifyingKey();
        byte[] raw = SubjectPublicKeyInfo.getInstance(plain.spki()).getPublicKeyData().getBytes();
        byte[] withNull = new SubjectPublicKeyInfo(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519, DERNull.INSTANCE), raw).getEncoded("DER");

        VerifyingKey read = VerifyingKey.fromSpki(withNull);

        assertEquals(plain, read);
        assertEquals(plain.keyId(), read.keyId());
        assertEquals(44, read.spki().length, "RFC 8410's 44-byte form, parameters absent");
    }

    @Test
    void spkiInBerWithALongFormLength_isTheSameKey() {
        byte[] der = Keys.ED.verifyingKey().spki(); // 30 2a ...
        byte[] ber = new byte[der.length + 1];
        ber[0] = 0x30;
        ber[1] = (byte) 0x81; // one length byte follows: valid BER, not DER
        System.arraycopy(der, 1, ber, 2, der.length - 1);

        assertEquals(Keys.ED.verifyingKey().keyId(), VerifyingKey.fromSpki(ber).keyId());
    }

    @Test
    void p384Key_isRefusedNamingTheCurve() throws IOException {
        byte[] spki = SigningKeyTest.p384PublicSpki();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VerifyingKey.fromSpki(spki));

        assertEquals("an EC public key must be on curve P-256 (prime256v1), but is curve secp384r1 (P-384, 1.3.132.0.34)", e.getMessage());
    }

    @Test
    void p256KeyWithExplicitCurveParameters_isRefusedSayingHowToWriteIt() throws IOException {
        X9ECParameters p256 = ECNamedCurveTable.getByName("P-256");
        byte[] spki = new SubjectPublicKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, p256.toASN1Primitive()),
                point(UNCOMPRESSED).getEncoded(false)).getEncoded("DER");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VerifyingKey.fromSpki(spki));

        assertTrue(e.getMessage().contains("explicit curve parameters") && e.getMessage().contains("-param_enc named_curve"), e.getMessage());
    }

    @Test
    void p256PointNotOnTheCurve_isRefused() throws IOException {
        byte[] bad = point(UNCOMPRESSED).getEncoded(false);
        bad[64] ^= 1;
        byte[] spki = new SubjectPublicKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, X9ObjectIdentifiers.prime256v1), bad)
                .getEncoded("DER");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VerifyingKey.fromSpki(spki));

        assertTrue(e.getMessage().startsWith("public key is not a valid EC P-256 key: "), e.getMessage());
    }

    private static ECPoint point(VerifyingKey key) {
        byte[] encoded = SubjectPublicKeyInfo.getInstance(key.spki()).getPublicKeyData().getBytes();
        return ECNamedCurveTable.getByName("P-256").getCurve().decodePoint(encoded).normalize();
    }

    static byte[] der(String pem) {
        return Pem.read(pem).get(0).der();
    }

}
