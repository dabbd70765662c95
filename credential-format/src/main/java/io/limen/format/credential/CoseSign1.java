package io.limen.format.credential;

import com.upokecenter.cbor.CBORException;
import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import io.limen.format.Reason;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A parsed COSE_Sign1 (RFC 9052 §4.2): {@code [protected: bstr, unprotected: map, payload: bstr,
 * signature: bstr]}, optionally behind CBOR tag 18.
 *
 * @param protectedBytes the protected header exactly as it came, because the signature covers these
 *                       bytes and not any re-encoding of them
 */
record CoseSign1(byte[] protectedBytes, CoseAlgorithm algorithm, KeyId keyId, byte[] payload, byte[] signature) {

    static final int HEADER_ALG = 1;
    static final int HEADER_CRIT = 2;
    static final int HEADER_KID = 4;
    static final int COSE_SIGN1_TAG = 18;
    private static final byte[] SIGNATURE1 = "Signature1".getBytes(StandardCharsets.US_ASCII);

    static CoseSign1 parse(byte[] bytes) {
        CBORObject root = decode(bytes, "COSE_Sign1");
        if (root.isTagged()) {
            if (!root.HasMostOuterTag(COSE_SIGN1_TAG) || root.GetAllTags().length != 1) {
                throw refusal("COSE_Sign1 may carry only tag 18, but was tagged " + root.getMostOuterTag());
            }
            root = root.UntagOne();
        }
        if (root.getType() != CBORType.Array || root.size() != 4) {
            throw refusal("COSE_Sign1 must be an array of 4, but was " + describe(root));
        }
        byte[] protectedBytes = byteString(root.get(0), "protected header");
        CBORObject protectedHeader = protectedBytes.length == 0 ? CBORObject.NewMap() : decode(protectedBytes, "protected header");
        CBORObject unprotectedHeader = root.get(1);
        if (protectedHeader.isTagged() || protectedHeader.getType() != CBORType.Map
                || unprotectedHeader.isTagged() || unprotectedHeader.getType() != CBORType.Map) {
            throw refusal("COSE headers must be untagged maps");
        }
        // RFC 9052 §3.1: a receiver must refuse a message whose critical headers it does not know.
        // Version 1 defines none, so any crit is a header this terminal cannot honour.
        if (protectedHeader.ContainsKey(HEADER_CRIT) || unprotectedHeader.ContainsKey(HEADER_CRIT)) {
            throw refusal("COSE crit (label 2) names headers this format does not define");
        }
        CoseAlgorithm algorithm = algorithm(protectedHeader);
        KeyId keyId = keyId(protectedHeader).or(() -> keyId(unprotectedHeader))
                .orElseThrow(() -> refusal("COSE kid (label 4) must be in the protected or unprotected header, but is in neither"));
        if (root.get(2).isNull()) {
            throw refusal("COSE payload must be attached, but was nil (detached)");
        }
        byte[] payload = byteString(root.get(2), "payload");
        byte[] signature = byteString(root.get(3), "signature");
        return new CoseSign1(protectedBytes, algorithm, keyId, payload, signature);
    }

    /** The bytes signed: the CBOR encoding of {@code ["Signature1", protected, h'', payload]}. */
    byte[] toBeSigned() {
        return sigStructure(protectedBytes, payload);
    }

    static byte[] sigStructure(byte[] protectedBytes, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + protectedBytes.length + 24);
        out.write(0x84);
        writeHead(out, 3, SIGNATURE1.length);
        out.writeBytes(SIGNATURE1);
        writeHead(out, 2, protectedBytes.length);
        out.writeBytes(protectedBytes);
        writeHead(out, 2, 0);
        writeHead(out, 2, payload.length);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** A CBOR head in its shortest form (RFC 8949 §4.2.1), for lengths up to 2^32 - 1. */
    private static void writeHead(ByteArrayOutputStream out, int majorType, int length) {
        int major = majorType << 5;
        if (length < 24) {
            out.write(major | length);
        } else if (length < 0x100) {
            out.write(major | 24);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(major | 25);
            out.write(length >> 8);
            out.write(length);
        } else {
            out.write(major | 26);
            out.write(length >>> 24);
            out.write(length >> 16);
            out.write(length >> 8);
            out.write(length);
        }
    }

    private static CoseAlgorithm algorithm(CBORObject protectedHeader) {
        CBORObject alg = protectedHeader.get(CBORObject.FromObject(HEADER_ALG));
        if (alg == null) {
            throw new CredentialRefusal(Reason.UNSUPPORTED_ALG, "COSE alg (label 1) must be in the protected header, but is missing");
        }
        if (alg.isTagged() || alg.getType() != CBORType.Integer || !alg.CanValueFitInInt64()) {
            throw new CredentialRefusal(Reason.UNSUPPORTED_ALG, "COSE alg must be -8 (EdDSA) or -7 (ES256), but was " + describe(alg));
        }
        long id = alg.AsInt64Value();
        return CoseAlgorithm.fromId(id).orElseThrow(() ->
                new CredentialRefusal(Reason.UNSUPPORTED_ALG, "COSE alg must be -8 (EdDSA) or -7 (ES256), but was " + id));
    }

    private static Optional<KeyId> keyId(CBORObject header) {
        CBORObject kid = header.get(CBORObject.FromObject(HEADER_KID));
        if (kid == null) {
            return Optional.empty();
        }
        byte[] bytes = byteString(kid, "kid");
        if (bytes.length != KeyId.LENGTH) {
            // A kid of another length can match no key of ours: say so precisely rather than "bad".
            throw new CredentialRefusal(Reason.UNKNOWN_KID, "COSE kid must be 8 bytes, but was " + bytes.length);
        }
        return Optional.of(new KeyId(bytes));
    }

    private static byte[] byteString(CBORObject item, String what) {
        if (item.isTagged() || item.getType() != CBORType.ByteString) {
            throw refusal("COSE " + what + " must be a byte string, but was " + describe(item));
        }
        return item.GetByteString();
    }

    static CBORObject decode(byte[] bytes, String what) {
        return decode(bytes, what, Reason.BAD_COSE);
    }

    /** Decodes exactly one CBOR item; the library refuses duplicate map keys and deep nesting. */
    static CBORObject decode(byte[] bytes, String what, Reason reason) {
        try {
            return CBORObject.DecodeFromBytes(bytes);
        } catch (CBORException e) {
            throw new CredentialRefusal(reason, what + " is not well-formed CBOR: " + e.getMessage());
        }
    }

    static String describe(CBORObject item) {
        return item.isTagged() ? "a tagged item" : item.getType().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static CredentialRefusal refusal(String detail) {
        return new CredentialRefusal(Reason.BAD_COSE, detail);
    }
}
