package io.limen.format.cose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.junit.jupiter.api.Test;

/**
 * Key files as other tools write them: each one that is not an unencrypted PKCS#8 Ed25519 or P-256
 * key is refused with the file's name, what it holds, and what is accepted instead.
 */
class SigningKeyTest {

    private static final String FILE = "keys/issuer.key";

    @Test
    void opensslPkcs8P256Key_isRead_andItsKidIsTheOneOfItsPublicKeyInAnyEncoding() {
        SigningKey key = SigningKey.fromPem(OpensslKeys.PKCS8_P256, FILE);

        assertEquals(CoseAlgorithm.ES256, key.algorithm());
        assertEquals(VerifyingKey.fromSpki(VerifyingKeyTest.der(OpensslKeys.PUBLIC_COMPRESSED)), key.verifyingKey());
    }

    @Test
    void sec1EcPrivateKey_isRefusedSayingHowToConvertIt() {
        assertRefused(FILE + ": holds a SEC1 'EC PRIVATE KEY' block (as openssl ecparam -genkey writes it), but a key file must be"
                + " PKCS#8 'PRIVATE KEY': convert it with openssl pkcs8 -topk8 -nocrypt -in FILE -out NEW-FILE", OpensslKeys.SEC1_P256);
    }

    @Test
    void encryptedPrivateKey_isRefusedSayingItIsEncrypted() {
        assertRefused(FILE + ": holds an encrypted key ('ENCRYPTED PRIVATE KEY'), but a key file must be unencrypted PKCS#8 'PRIVATE KEY',"
                + " protected by its file mode (0600): decrypt it with openssl pkcs8 -in FILE -out NEW-FILE", OpensslKeys.ENCRYPTED_P256);
    }

    @Test
    void p384Key_isRefusedNamingTheCurve() {
        assertRefused(FILE + ": holds an EC key on curve secp384r1 (P-384, 1.3.132.0.34), but a signing key must be Ed25519 or EC P-256"
                + " (prime256v1), as 'limen provision keys' makes", OpensslKeys.PKCS8_P384);
    }

    @Test
    void rsaKey_inPkcs1OrPkcs8_isRefusedAsRsa() throws IOException {
        PrivateKeyInfo rsa = PrivateKeyInfoFactory.createPrivateKeyInfo(rsaKeyPair().getPrivate());

        assertRefused(FILE + ": holds an RSA key (PKCS#1 'RSA PRIVATE KEY'), but a signing key must be Ed25519 or EC P-256 (prime256v1),"
                + " as 'limen provision keys' makes", Pem.write("RSA PRIVATE KEY", rsa.parsePrivateKey().toASN1Primitive().getEncoded("DER")));
        assertRefused(FILE + ": holds an RSA key, but a signing key must be Ed25519 or EC P-256 (prime256v1), as 'limen provision keys' makes",
                Pem.write(Pem.PRIVATE_KEY, rsa.getEncoded("DER")));
    }

    @Test
    void trustFileGivenAsKey_isRefusedSayingItHoldsOnlyAPublicKey() {
        assertRefused(FILE + ": holds only a PUBLIC KEY (a trust file?), but signing needs the private key (issuer.key from"
                + " 'limen provision keys')", OpensslKeys.PUBLIC_UNCOMPRESSED);
    }

    @Test
    void noPemAtAll_orTwoKeys_orBrokenPem_isRefusedNamingTheFile() {
        assertRefused(FILE + ": holds no PEM block, but a key file must hold one PKCS#8 '-----BEGIN PRIVATE KEY-----' block", "just text\n");
        assertRefused(FILE + ": holds 2 PRIVATE KEY blocks, but a key file must hold exactly one",
                OpensslKeys.PKCS8_P256 + Keys.ED.toPem());
        assertRefused(FILE + ": not a readable PEM key file: PEM block 1 (PRIVATE KEY, BEGIN on line 1) has no END line",
                Keys.ED.toPem().replace("-----END PRIVATE KEY-----", ""));
    }

    private static void assertRefused(String expected, String pem) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SigningKey.fromPem(pem, FILE));
        assertEquals(expected, e.getMessage());
    }

    private static AsymmetricCipherKeyPair rsaKeyPair() {
        RSAKeyPairGenerator generator = new RSAKeyPairGenerator();
        // 1024 bits: only the key's kind matters here, and it keeps the test fast.
        generator.init(new RSAKeyGenerationParameters(BigInteger.valueOf(65_537), new SecureRandom(), 1024, 80));
        return generator.generateKeyPair();
    }

    static byte[] p384PublicSpki() throws IOException {
        X9ECParameters x9 = ECNamedCurveTable.getByName("P-384");
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(new ECNamedDomainParameters(SECObjectIdentifiers.secp384r1, x9), new SecureRandom()));
        return SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(generator.generateKeyPair().getPublic()).getEncoded("DER");
    }
}
