package io.limen.format.cose;

import com.upokecenter.cbor.CBORException;
import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import io.limen.format.Reason;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A COSE_Sign1 message (RFC 9052 §4.2): {@code [protected: bstr, unprotected: map, payload: bstr,
 * signature: bstr]}, optionally behind CBOR tag 18, signed with EdDSA (Ed25519) or ES256. Credentials,
 * lists, remote commands and enrolment all sign and verify through this class, on both sides.
 *
 * <p>What a receiver accepts: alg (label 1) in the protected header, -8 or -7; a kid (label 4) of 8
 * bytes in the protected or the unprotected header; no {@code crit} (label 2); an attached payload.
 *
 * @param protectedBytes the protected header exactly as it came, because the signature covers these
 *                       bytes and not any re-encoding of them
 */
public record CoseSign1(byte[] protectedBytes, CoseAlgorithm algorithm, KeyId keyId, byte[] payload, byte[] signature) {

    public static final int HEADER_ALG = 1;
    public static final int HEADER_CRIT = 2;
    public static final int HEADER_KID = 4;
    public static final int COSE_SIGN1_TAG = 18;
    private static final byte[] SIGNATURE1 = "Signature1".getBytes(StandardCharsets.US_ASCII);
    private static final int MAJOR_BYTES = 2;
    private static final int MAJOR_TEXT = 3;

    /** A message signed by one of the keys offered for its kid. */
    public record Signed(CoseSign1 message, VerifyingKey signer) {
        public Signed {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(signer, "signer");
        }
    }

    public CoseSign1 {
        Objects.requireNonNull(protectedBytes, "protectedBytes");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(signature, "signature");
    }

    @Override
    public byte[] protectedBytes() {
        return protectedBytes.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** Parses hostile bytes; never throws. Refusals: {@code bad_cose}, {@code unsupported_alg}, {@code unknown_kid} (kid not 8 bytes). */
    public static CoseResult<CoseSign1> decode(byte[] bytes) {
        try {
            return new CoseResult.Accepted<>(parse(bytes));
        } catch (CoseRefusal refusal) {
            return refusal.toResult();
        }
    }

    /**
     * Parses hostile bytes and checks the signature against the keys {@code keysForKid} offers for the
     * message's kid, each once, in order; never throws. Besides {@link #decode}'s refusals:
     * {@code unknown_kid} when no key is offered, {@code bad_signature} when none verifies.
     *
     * @param keysForKid distinct keys (a key listed twice would be verified twice); those of another
     *                   algorithm than the message's are skipped without a verification
     */
    public static CoseResult<Signed> verify(byte[] bytes, Function<KeyId, List<VerifyingKey>> keysForKid) {
        CoseSign1 message;
        try {
            message = parse(bytes);
        } catch (CoseRefusal refusal) {
            return refusal.toResult();
        }
        return verify(message, keysForKid);
    }

    /**
     * Checks the signature of a message already {@link #decode decoded} (to look at it before paying
     * for a verification), as {@link #verify(byte[], Function)} does; never throws.
     */
    public static CoseResult<Signed> verify(CoseSign1 message, Function<KeyId, List<VerifyingKey>> keysForKid) {
        List<VerifyingKey> candidates = keysForKid.apply(message.keyId);
        if (candidates.isEmpty()) {
            return new CoseResult.Refused<>(Reason.UNKNOWN_KID, "no trusted key has kid " + message.keyId);
        }
        byte[] toBeSigned = message.toBeSigned();
        for (VerifyingKey key : candidates) {
            if (key.verifies(message.algorithm, toBeSigned, message.signature)) {
                return new CoseResult.Accepted<>(new Signed(message, key));
            }
        }
        return new CoseResult.Refused<>(Reason.BAD_SIGNATURE, "no trusted " + message.algorithm + " key of kid " + message.keyId
                + " (" + candidates.size() + " with that kid) verifies the " + message.signature.length + "-byte signature");
    }

    /**
     * A tagged COSE_Sign1 over {@code payload}, signed by {@code key}, with its alg and kid in the
     * protected header and an empty unprotected header.
     */
    public static byte[] sign(SigningKey key, byte[] payload) {
        byte[] protectedBytes = protectedHeader(key);
        byte[] signature = key.sign(sigStructure(protectedBytes, payload));
        return CBORObject.NewArray()
                .Add(protectedBytes)
                .Add(CBORObject.NewMap())
                .Add(payload)
                .Add(signature)
                .WithTag(COSE_SIGN1_TAG)
                .EncodeToBytes();
    }

    /**
     * The exact length in bytes of what {@link #sign} returns for a payload of {@code payloadLength}
     * bytes, known before signing: both algorithms' signatures are 64 bytes.
     */
    public static int signedLength(SigningKey key, int payloadLength) {
        int protectedLength = protectedHeader(key).length;
        return 1 + 1 // tag 18, array of 4
                + headLength(protectedLength) + protectedLength
                + 1 // empty map
                + headLength(payloadLength) + payloadLength
                + headLength(SigningKey.SIGNATURE_LENGTH) + SigningKey.SIGNATURE_LENGTH;
    }

    private static byte[] protectedHeader(SigningKey key) {
        return CBORObject.NewOrderedMap()
                .Add(HEADER_ALG, key.algorithm().id())
                .Add(HEADER_KID, key.keyId().bytes())
                .EncodeToBytes();
    }

    /** The bytes signed: the CBOR encoding of {@code ["Signature1", protected, h'', payload]}. */
    public byte[] toBeSigned() {
        return sigStructure(protectedBytes, payload);
    }

    /**
     * The Sig_structure of RFC 9052 §4.4 for COSE_Sign1 with empty external_aad, every head in its
     * shortest form. Written by hand, not through the CBOR library, because it sits on every verify;
     * {@code SigStructureTest} pins it against the library at each head-length boundary.
     */
    public static byte[] sigStructure(byte[] protectedBytes, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + protectedBytes.length + 24);
        out.write(0x84);
        writeHead(out, MAJOR_TEXT, SIGNATURE1.length);
        out.writeBytes(SIGNATURE1);
        writeHead(out, MAJOR_BYTES, protectedBytes.length);
        out.writeBytes(protectedBytes);
        writeHead(out, MAJOR_BYTES, 0);
        writeHead(out, MAJOR_BYTES, payload.length);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** A CBOR head in its shortest form (RFC 8949 §4.2.1), for lengths up to 2^31 - 1. */
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

    private static int headLength(int length) {
        return length < 24 ? 1 : length < 0x100 ? 2 : length < 0x10000 ? 3 : 5;
    }

    private static CoseSign1 parse(byte[] bytes) {
        CBORObject root = decodeItem(bytes, "COSE_Sign1");
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
        CBORObject protectedHeader = protectedBytes.length == 0 ? CBORObject.NewMap() : decodeItem(protectedBytes, "protected header");
        CBORObject unprotectedHeader = root.get(1);
        if (protectedHeader.isTagged() || protectedHeader.getType() != CBORType.Map
                || unprotectedHeader.isTagged() || unprotectedHeader.getType() != CBORType.Map) {
            throw refusal("COSE headers must be untagged maps");
        }
        // RFC 9052 §3.1: a receiver must refuse a message whose critical headers it does not know.
        // None are defined here, so any crit names a header this side cannot honour.
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

    private static CoseAlgorithm algorithm(CBORObject protectedHeader) {
        CBORObject alg = protectedHeader.get(CBORObject.FromObject(HEADER_ALG));
        if (alg == null) {
            throw new CoseRefusal(Reason.UNSUPPORTED_ALG, "COSE alg (label 1) must be in the protected header, but is missing");
        }
        if (alg.isTagged() || alg.getType() != CBORType.Integer || !alg.CanValueFitInInt64()) {
            throw new CoseRefusal(Reason.UNSUPPORTED_ALG, "COSE alg must be -8 (EdDSA) or -7 (ES256), but was " + describe(alg));
        }
        long id = alg.AsInt64Value();
        return CoseAlgorithm.fromId(id).orElseThrow(() ->
                new CoseRefusal(Reason.UNSUPPORTED_ALG, "COSE alg must be -8 (EdDSA) or -7 (ES256), but was " + id));
    }

    private static Optional<KeyId> keyId(CBORObject header) {
        CBORObject kid = header.get(CBORObject.FromObject(HEADER_KID));
        if (kid == null) {
            return Optional.empty();
        }
        byte[] bytes = byteString(kid, "kid");
        if (bytes.length != KeyId.LENGTH) {
            // A kid of another length can match no key of ours: say so precisely rather than "bad".
            throw new CoseRefusal(Reason.UNKNOWN_KID, "COSE kid must be 8 bytes, but was " + bytes.length);
        }
        return Optional.of(new KeyId(bytes));
    }

    private static byte[] byteString(CBORObject item, String what) {
        if (item.isTagged() || item.getType() != CBORType.ByteString) {
            throw refusal("COSE " + what + " must be a byte string, but was " + describe(item));
        }
        return item.GetByteString();
    }

    /** Decodes exactly one CBOR item; the library refuses duplicate map keys and deep nesting. */
    private static CBORObject decodeItem(byte[] bytes, String what) {
        try {
            return CBORObject.DecodeFromBytes(bytes);
        } catch (CBORException e) {
            throw refusal(what + " is not well-formed CBOR: " + e.getMessage());
        }
    }

    private static String describe(CBORObject item) {
        return item.isTagged() ? "a tagged item" : item.getType().name().toLowerCase(Locale.ROOT);
    }

    private static CoseRefusal refusal(String detail) {
        return new CoseRefusal(Reason.BAD_COSE, detail);
    }

    /** Never prints the bytes. */
    @Override
    public String toString() {
        return "CoseSign1[" + algorithm + ", kid=" + keyId + ", protected=" + protectedBytes.length + "byte, payload="
                + payload.length + "byte, signature=" + signature.length + "byte]";
    }
}
