package io.limen.format.credential;

import com.upokecenter.cbor.CBORException;
import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import io.limen.format.Reason;
import io.limen.format.cose.CoseAlgorithm;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the CWT claims map (RFC 8392) of a signed payload into {@link Claims}. Unknown claims
 * are ignored so issuers can add claims without breaking terminals in the field; known claims of the
 * wrong type are refused.
 */
final class ClaimsReader {

    static final int ISS = 1;
    static final int SUB = 2;
    static final int EXP = 4;
    static final int NBF = 5;
    static final int IAT = 6;
    static final int CTI = 7;
    static final int CNF = 8;
    static final int ACCESS = -65537;
    static final int ACCESS_ZONES = 1;
    static final int ACCESS_DISPLAY_NAME = 2;
    static final int CNF_COSE_KEY = 1;

    private static final long MAX_NUMERIC_DATE = Claims.LATEST_TIME.getEpochSecond();
    private static final int MAX_ZONES = Claims.MAX_ZONES;

    private ClaimsReader() {
    }

    static Claims read(byte[] payload) {
        CBORObject claims = decode(payload);
        if (claims.isTagged() || claims.getType() != CBORType.Map) {
            throw refusal("CWT claims must be a map, but were " + describe(claims));
        }
        CBORObject access = optional(claims, ACCESS);
        if (access != null && (access.isTagged() || access.getType() != CBORType.Map)) {
            throw refusal("claim -65537 (access) must be a map, but was " + describe(access));
        }
        return new Claims(
                text(required(claims, ISS, "iss"), "claim 1 (iss)"),
                text(required(claims, SUB, "sub"), "claim 2 (sub)"),
                numericDate(required(claims, IAT, "iat"), "claim 6 (iat)"),
                Optional.ofNullable(optional(claims, NBF)).map(nbf -> numericDate(nbf, "claim 5 (nbf)")),
                numericDate(required(claims, EXP, "exp"), "claim 4 (exp)"),
                credentialId(required(claims, CTI, "cti")),
                Optional.ofNullable(optional(claims, CNF)).map(ClaimsReader::holderKey),
                access == null ? List.of() : zones(optional(access, ACCESS_ZONES)),
                Optional.ofNullable(access == null ? null : optional(access, ACCESS_DISPLAY_NAME))
                        .map(name -> text(name, "access display name (-65537/2)")));
    }

    private static CBORObject required(CBORObject map, int label, String name) {
        CBORObject value = map.get(CBORObject.FromObject(label));
        if (value == null) {
            throw refusal("claim " + label + " (" + name + ") is required, but is missing");
        }
        return value;
    }

    private static CBORObject optional(CBORObject map, int label) {
        return map.get(CBORObject.FromObject(label));
    }

    private static String text(CBORObject value, String what) {
        if (value.isTagged() || value.getType() != CBORType.TextString) {
            throw refusal(what + " must be text, but was " + describe(value));
        }
        String text = value.AsString();
        Optional<String> problem = ClaimText.problem(text);
        if (problem.isPresent()) {
            // The text itself stays out of the detail: it may be a display name, and details travel.
            throw refusal(what + " must be " + ClaimText.RULE + ", in Unicode NFC, but " + problem.get());
        }
        return text;
    }

    /** A NumericDate: seconds since the epoch, an integer or (RFC 8392 allows it) a float, floored. */
    private static Instant numericDate(CBORObject value, String what) {
        long seconds;
        if (!value.isTagged() && value.getType() == CBORType.Integer && value.CanValueFitInInt64()) {
            seconds = value.AsInt64Value();
        } else if (!value.isTagged() && value.getType() == CBORType.FloatingPoint && Double.isFinite(value.AsDoubleValue())) {
            seconds = (long) Math.floor(Math.max(-1, Math.min(value.AsDoubleValue(), MAX_NUMERIC_DATE + 1.0)));
        } else {
            throw refusal(what + " must be a NumericDate (integer seconds), but was " + describe(value));
        }
        if (seconds < 0 || seconds > MAX_NUMERIC_DATE) {
            throw refusal(what + " must be within 0.." + MAX_NUMERIC_DATE + ", but was " + seconds);
        }
        return Instant.ofEpochSecond(seconds);
    }

    private static CredentialId credentialId(CBORObject value) {
        if (value.isTagged() || value.getType() != CBORType.ByteString) {
            throw refusal("claim 7 (cti) must be a byte string, but was " + describe(value));
        }
        byte[] bytes = value.GetByteString();
        if (bytes.length < 1 || bytes.length > CredentialId.MAX_LENGTH) {
            throw refusal("claim 7 (cti) must be 1..16 bytes, but was " + bytes.length);
        }
        return new CredentialId(bytes);
    }

    private static List<String> zones(CBORObject value) {
        if (value == null) {
            return List.of();
        }
        if (value.isTagged() || value.getType() != CBORType.Array || value.size() > MAX_ZONES) {
            throw refusal("access zones (-65537/1) must be an array of at most " + MAX_ZONES + " texts, but was "
                    + describe(value) + (value.getType() == CBORType.Array ? " of " + value.size() : ""));
        }
        // Absent zones mean every zone. An empty list could mean "every" or "none" to whoever wrote it,
        // and a terminal must not guess the generous reading.
        if (value.size() == 0) {
            throw refusal("access zones (-65537/1) must name at least one zone (leave the claim out for every zone), but was empty");
        }
        List<String> zones = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            zones.add(text(value.get(i), "access zone " + i));
        }
        return zones;
    }

    /** {@code cnf: {1: COSE_Key}} with an OKP/Ed25519 or EC2/P-256 key (RFC 9052 §7, RFC 9053 §7). */
    private static HolderKey holderKey(CBORObject cnf) {
        if (cnf.isTagged() || cnf.getType() != CBORType.Map) {
            throw refusal("claim 8 (cnf) must be a map, but was " + describe(cnf));
        }
        CBORObject key = optional(cnf, CNF_COSE_KEY);
        if (key == null || key.isTagged() || key.getType() != CBORType.Map) {
            throw refusal("claim 8 (cnf) must hold a COSE_Key map under label 1");
        }
        long kty = integer(key, 1, "COSE_Key kty");
        long crv = integer(key, -1, "COSE_Key crv");
        byte[] x = bytes(key, -2, "COSE_Key x");
        if (kty == 1 && crv == 6 && x.length == 32) {
            return holderKey(CoseAlgorithm.EDDSA, x, new byte[0]);
        }
        if (kty == 2 && crv == 1 && x.length == 32) {
            byte[] y = bytes(key, -3, "COSE_Key y");
            if (y.length == 32) {
                return holderKey(CoseAlgorithm.ES256, x, y);
            }
        }
        throw refusal("claim 8 (cnf) key must be OKP/Ed25519 or EC2/P-256 with 32-byte coordinates, but was kty "
                + kty + " crv " + crv);
    }

    /** A key the issuer signed but that is no key (a point off the curve) is a broken claim like any other. */
    private static HolderKey holderKey(CoseAlgorithm algorithm, byte[] x, byte[] y) {
        try {
            return new HolderKey(algorithm, x, y);
        } catch (IllegalArgumentException e) {
            throw refusal("claim 8 (cnf) " + e.getMessage());
        }
    }

    private static long integer(CBORObject map, int label, String what) {
        CBORObject value = optional(map, label);
        if (value == null || value.isTagged() || value.getType() != CBORType.Integer || !value.CanValueFitInInt64()) {
            throw refusal(what + " must be an integer");
        }
        return value.AsInt64Value();
    }

    private static byte[] bytes(CBORObject map, int label, String what) {
        CBORObject value = optional(map, label);
        if (value == null || value.isTagged() || value.getType() != CBORType.ByteString) {
            throw refusal(what + " must be a byte string");
        }
        return value.GetByteString();
    }

    /** Exactly one CBOR item; the library refuses duplicate map keys and deep nesting. */
    private static CBORObject decode(byte[] payload) {
        try {
            return CBORObject.DecodeFromBytes(payload);
        } catch (CBORException e) {
            throw refusal("CWT claims are not well-formed CBOR: " + e.getMessage());
        }
    }

    private static String describe(CBORObject item) {
        return item.isTagged() ? "a tagged item" : item.getType().name().toLowerCase(Locale.ROOT);
    }

    private static CredentialRefusal refusal(String detail) {
        return new CredentialRefusal(Reason.BAD_CLAIMS, detail);
    }
}
