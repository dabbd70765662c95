package io.limen.format.credential;

import com.upokecenter.cbor.CBORObject;
import io.limen.format.cose.CoseSign1;
import java.util.Objects;

/**
 * Makes the QR text of a credential: CWT claims, signed as a tagged COSE_Sign1 with the kid in the
 * protected header, zlib-compressed when that makes it shorter, Base45 with the {@code LP1:} prefix. The provisioning tool and
 * the demo issue through this class, so they produce exactly what terminals verify.
 */
public final class CredentialIssuer {

    /** The most bytes of COSE_Sign1 a terminal accepts: what it inflates at most (docs/credential-format.md §2). */
    public static final int MAX_SIGNED_BYTES = CredentialVerifier.MAX_PAYLOAD_BYTES;

    private final IssuerKey key;

    public CredentialIssuer(IssuerKey key) {
        this.key = Objects.requireNonNull(key, "key");
    }

    /**
     * The credential's QR text, in whichever form is shorter: a smaller QR code reads more easily.
     *
     * @throws IllegalArgumentException before signing, if the signed credential would exceed the
     *                                  {@link #MAX_SIGNED_BYTES} terminals accept (too many or too long zones, say)
     */
    public String issue(Claims claims) {
        byte[] payload = encodeClaims(claims);
        int signedLength = CoseSign1.signedLength(key.signingKey(), payload.length);
        if (signedLength > MAX_SIGNED_BYTES) {
            throw new IllegalArgumentException("the signed credential would be " + signedLength + " bytes, but terminals accept at most "
                    + MAX_SIGNED_BYTES + " (its claims are " + payload.length + " bytes: " + claims.zones().size() + " zones)");
        }
        byte[] cose = sign(payload);
        byte[] compressed = Zlib.deflate(cose);
        return toText(compressed.length < cose.length ? compressed : cose);
    }

    /** The CWT claims map, keys in canonical order (RFC 8949 §4.2.1). */
    public static byte[] encodeClaims(Claims claims) {
        CBORObject map = CBORObject.NewOrderedMap();
        map.Add(ClaimsReader.ISS, claims.issuer());
        map.Add(ClaimsReader.SUB, claims.subject());
        map.Add(ClaimsReader.EXP, claims.expiresAt().getEpochSecond());
        claims.notBefore().ifPresent(nbf -> map.Add(ClaimsReader.NBF, nbf.getEpochSecond()));
        map.Add(ClaimsReader.IAT, claims.issuedAt().getEpochSecond());
        map.Add(ClaimsReader.CTI, claims.id().bytes());
        claims.holderKey().ifPresent(holder -> map.Add(ClaimsReader.CNF, CBORObject.NewOrderedMap().Add(ClaimsReader.CNF_COSE_KEY, coseKey(holder))));
        if (!claims.zones().isEmpty() || claims.displayName().isPresent()) {
            CBORObject access = CBORObject.NewOrderedMap();
            if (!claims.zones().isEmpty()) {
                CBORObject zones = CBORObject.NewArray();
                claims.zones().forEach(zones::Add);
                access.Add(ClaimsReader.ACCESS_ZONES, zones);
            }
            claims.displayName().ifPresent(name -> access.Add(ClaimsReader.ACCESS_DISPLAY_NAME, name));
            map.Add(ClaimsReader.ACCESS, access);
        }
        return map.EncodeToBytes();
    }

    /** A tagged COSE_Sign1 over {@code payload}, with this issuer's alg and kid protected. */
    public byte[] sign(byte[] payload) {
        return CoseSign1.sign(key.signingKey(), payload);
    }

    /** {@code LP1:} + Base45 of the COSE bytes, zlib-compressed first when {@code compress}. */
    public static String toText(byte[] coseSign1, boolean compress) {
        return toText(compress ? Zlib.deflate(coseSign1) : coseSign1);
    }

    private static String toText(byte[] payload) {
        return CredentialVerifier.STATIC_PREFIX + Base45.encode(payload);
    }

    private static CBORObject coseKey(HolderKey holder) {
        CBORObject coseKey = CBORObject.NewOrderedMap();
        switch (holder.algorithm()) {
            case EDDSA -> coseKey.Add(1, 1).Add(-1, 6).Add(-2, holder.x());
            case ES256 -> coseKey.Add(1, 2).Add(-1, 1).Add(-2, holder.x()).Add(-3, holder.y());
        }
        return coseKey;
    }
}
