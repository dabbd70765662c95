package io.limen.format.credential;

import com.upokecenter.cbor.CBORException;
import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import io.limen.format.Reason;
import java.time.Instant;
import java.util.Locale;

/**
 * The payload a holder signs in a dynamic code: the CBOR array {@code [credential, t, nonce]}, read from
 * hostile bytes before any signature is checked (the holder key to check it with is inside). Every
 * deviation is {@code bad_presentation}, raised as a {@link CredentialRefusal}.
 *
 * @param credential the credential's COSE_Sign1 bytes, as its issuer signed them: neither compressed nor
 *                   itself a dynamic code (checked by the verifier once the COSE is decoded)
 * @param signedAt   {@code t}: whole seconds, a NumericDate within 0..9999-12-31
 * @param nonce      the 8 nonce bytes as a big-endian long
 */
record PresentationPayload(byte[] credential, Instant signedAt, long nonce) {

    private static final long MAX_NUMERIC_DATE = Claims.LATEST_TIME.getEpochSecond();

    /** {@code [credential: bstr, t: uint, nonce: bstr .size 8]}, the array definite, no item tagged. */
    static PresentationPayload read(byte[] payload) {
        CBORObject array;
        try {
            array = CBORObject.DecodeFromBytes(payload);
        } catch (CBORException e) {
            throw refusal("the dynamic code's payload is not well-formed CBOR: " + e.getMessage());
        }
        if (array.isTagged() || array.getType() != CBORType.Array || array.size() != 3) {
            throw refusal("the dynamic code's payload must be the array [credential, t, nonce], but was " + describe(array)
                    + (array.getType() == CBORType.Array ? " of " + array.size() : ""));
        }
        CBORObject credential = array.get(0);
        CBORObject t = array.get(1);
        CBORObject nonce = array.get(2);
        if (credential.isTagged() || credential.getType() != CBORType.ByteString) {
            throw refusal("the dynamic code's credential (item 0) must be the COSE_Sign1 bytes, but was " + describe(credential));
        }
        if (t.isTagged() || t.getType() != CBORType.Integer || !t.CanValueFitInInt64()
                || t.AsInt64Value() < 0 || t.AsInt64Value() > MAX_NUMERIC_DATE) {
            throw refusal("the dynamic code's t (item 1) must be whole unix seconds within 0.." + MAX_NUMERIC_DATE + ", but was "
                    + (t.getType() == CBORType.Integer && !t.isTagged() ? t.toString() : describe(t)));
        }
        if (nonce.isTagged() || nonce.getType() != CBORType.ByteString || nonce.GetByteString().length != Presentation.NONCE_LENGTH) {
            throw refusal("the dynamic code's nonce (item 2) must be " + Presentation.NONCE_LENGTH + " bytes, but was "
                    + (nonce.getType() == CBORType.ByteString && !nonce.isTagged() ? nonce.GetByteString().length + " bytes" : describe(nonce)));
        }
        byte[] nonceBytes = nonce.GetByteString();
        long nonceValue = 0;
        for (byte b : nonceBytes) {
            nonceValue = nonceValue << 8 | (b & 0xff);
        }
        return new PresentationPayload(credential.GetByteString(), Instant.ofEpochSecond(t.AsInt64Value()), nonceValue);
    }

    /** The bytes a holder signs: the array with every head in its shortest form. */
    static byte[] encode(byte[] credentialCose, Instant signedAt, byte[] nonce) {
        return CBORObject.NewArray().Add(credentialCose).Add(signedAt.getEpochSecond()).Add(nonce).EncodeToBytes();
    }

    private static String describe(CBORObject item) {
        return item.isTagged() ? "a tagged item" : item.getType().name().toLowerCase(Locale.ROOT);
    }

    static CredentialRefusal refusal(String detail) {
        return new CredentialRefusal(Reason.BAD_PRESENTATION, detail);
    }
}
