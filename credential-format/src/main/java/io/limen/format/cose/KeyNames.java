package io.limen.format.cose;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/** Names of key algorithms and curves as people know them, for messages about keys this format refuses. */
final class KeyNames {

    private KeyNames() {
    }

    /** E.g. "an RSA key", "an Ed448 key", "a key of algorithm 1.2.3". */
    static String algorithm(ASN1ObjectIdentifier oid) {
        if (oid.equals(PKCSObjectIdentifiers.rsaEncryption) || oid.equals(PKCSObjectIdentifiers.id_RSASSA_PSS)) {
            return "an RSA key";
        }
        if (oid.equals(EdECObjectIdentifiers.id_Ed448)) {
            return "an Ed448 key";
        }
        if (oid.equals(EdECObjectIdentifiers.id_X25519) || oid.equals(EdECObjectIdentifiers.id_X448)) {
            return "an " + (oid.equals(EdECObjectIdentifiers.id_X25519) ? "X25519" : "X448") + " key (key agreement only, it cannot sign)";
        }
        if (oid.equals(X9ObjectIdentifiers.id_dsa)) {
            return "a DSA key";
        }
        return "a key of algorithm " + oid;
    }

    /** E.g. "curve secp384r1 (P-384, 1.3.132.0.34)", or what the parameters are when they name no curve. */
    static String curve(ASN1Encodable parameters) {
        if (parameters instanceof ASN1ObjectIdentifier oid) {
            String name = ECNamedCurveTable.getName(oid);
            String nist = nistName(oid);
            return "curve " + (name != null ? name : "with OID " + oid)
                    + (nist != null ? " (" + nist + ", " + oid + ")" : name != null ? " (" + oid + ")" : "");
        }
        if (parameters == null || parameters.toASN1Primitive() instanceof org.bouncycastle.asn1.ASN1Null) {
            return "no named curve (parameters missing)";
        }
        return "given by explicit curve parameters, not by name (write the key with the named curve, e.g. openssl ec -param_enc named_curve)";
    }

    private static String nistName(ASN1ObjectIdentifier oid) {
        for (String nist : new String[] {"P-224", "P-256", "P-384", "P-521"}) {
            if (oid.equals(ECNamedCurveTable.getOID(nist))) {
                return nist;
            }
        }
        return null;
    }
}
