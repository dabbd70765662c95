package io.limen.format.credential;

import static io.limen.format.credential.Forge.ED;
import static io.limen.format.credential.Forge.assertReason;
import static io.limen.format.credential.Forge.issue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.upokecenter.cbor.CBORObject;
import io.limen.format.Reason;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Validity in time around the clock-skew boundary, with {@code now} stepped by hand. The start is
 * inclusive: exactly nbf − skew is good, one millisecond before it is not. The end is exclusive (RFC
 * 7519 §4.1.4: exp is the time "on or after which" the token must not be accepted): one millisecond
 * before exp + skew is good, exactly exp + skew is not.
 */
class ValidityWindowTest {

    private static final Instant IAT = Instant.parse("2026-11-20T08:00:00Z");
    private static final Instant NBF = Instant.parse("2026-11-21T08:00:00Z");
    private static final Instant EXP = Instant.parse("2026-12-21T08:00:00Z");

    /** iat < nbf < exp. */
    private static final String WITH_NBF = issue(ED, times(IAT, NBF, EXP));
    /** No nbf: iat alone says when the credential starts. */
    private static final String WITHOUT_NBF = issue(ED, times(IAT, null, EXP));
    /** nbf before iat: a credential is never valid before it was issued. */
    private static final String NBF_BEFORE_IAT = issue(ED, times(NBF, IAT, EXP));

    @ParameterizedTest(name = "skew {0} s, now = {2} {3} ms -> {4} ({1})")
    @CsvSource({
            // skew, credential,     anchor, offset ms, expected
            "60,     WITH_NBF,       EXP,         0,        ok",
            "60,     WITH_NBF,       EXP,     59999,        ok",
            "60,     WITH_NBF,       EXP,     60000,        expired",
            "60,     WITH_NBF,       EXP,     60001,        expired",
            "60,     WITH_NBF,       EXP,     61000,        expired",
            "60,     WITH_NBF,       NBF,         0,        ok",
            "60,     WITH_NBF,       NBF,    -60000,        ok",
            "60,     WITH_NBF,       NBF,    -60001,        not_yet_valid",
            "60,     WITH_NBF,       NBF,    -61000,        not_yet_valid",
            "60,     WITH_NBF,       IAT,    -61000,        not_yet_valid",
            "60,     WITHOUT_NBF,    IAT,    -60000,        ok",
            "60,     WITHOUT_NBF,    IAT,    -61000,        not_yet_valid",
            // NBF_BEFORE_IAT is issued at NBF with a not-before of IAT: issued-at wins.
            "60,     NBF_BEFORE_IAT, NBF,    -60000,        ok",
            "60,     NBF_BEFORE_IAT, NBF,    -61000,        not_yet_valid",
            "60,     NBF_BEFORE_IAT, IAT,    -60000,        not_yet_valid",
            "0,      WITH_NBF,       EXP,        -1,        ok",
            "0,      WITH_NBF,       EXP,         0,        expired",
            "0,      WITH_NBF,       EXP,         1,        expired",
            "0,      WITH_NBF,       EXP,      1000,        expired",
            "0,      WITH_NBF,       NBF,         0,        ok",
            "0,      WITH_NBF,       NBF,        -1,        not_yet_valid",
            "0,      WITH_NBF,       NBF,     -1000,        not_yet_valid",
            "3600,   WITH_NBF,       EXP,   3599999,        ok",
            "3600,   WITH_NBF,       EXP,   3600000,        expired",
            "3600,   WITH_NBF,       EXP,   3601000,        expired",
    })
    void validity_aroundTheSkewBoundary(int skewSeconds, String credential, String anchor, long offsetMillis, String expected) {
        CredentialVerifier verifier = new CredentialVerifier(() -> Forge.TRUST, Duration.ofSeconds(skewSeconds));
        Instant now = instant(anchor).plusMillis(offsetMillis);

        Verification result = verifier.verify(text(credential), now);

        assertReason(Reason.fromCode(expected).orElseThrow(), result);
    }

    @ParameterizedTest
    @CsvSource({"EXP, 60000, expired", "IAT, -61000, not_yet_valid"})
    void refusalInTime_carriesTheVerifiedCredential(String anchor, long offsetMillis, String expected) {
        CredentialVerifier verifier = new CredentialVerifier(() -> Forge.TRUST, Duration.ofSeconds(60));

        Verification result = verifier.verify(WITH_NBF, instant(anchor).plusMillis(offsetMillis));

        Verification.Refused refused = assertInstanceOf(Verification.Refused.class, result);
        assertEquals(expected, refused.reason().code());
        assertEquals(EXP, refused.credential().orElseThrow().claims().expiresAt());
        assertEquals(Forge.ED.keyId(), refused.credential().orElseThrow().keyId());
    }

    private static CBORObject times(Instant iat, Instant nbf, Instant exp) {
        CBORObject claims = Forge.claimsMap()
                .Set(ClaimsReader.IAT, iat.getEpochSecond())
                .Set(ClaimsReader.EXP, exp.getEpochSecond());
        claims.Remove(CBORObject.FromObject(ClaimsReader.NBF));
        if (nbf != null) {
            claims.Set(ClaimsReader.NBF, nbf.getEpochSecond());
        }
        return claims;
    }

    private static Instant instant(String anchor) {
        return switch (anchor) {
            case "IAT" -> IAT;
            case "NBF" -> NBF;
            case "EXP" -> EXP;
            default -> throw new IllegalArgumentException("anchor must be IAT, NBF or EXP, but was " + anchor);
        };
    }

    private static String text(String credential) {
        return switch (credential) {
            case "WITH_NBF" -> WITH_NBF;
            case "WITHOUT_NBF" -> WITHOUT_NBF;
            case "NBF_BEFORE_IAT" -> NBF_BEFORE_IAT;
            default -> throw new IllegalArgumentException("credential must be a fixture name, but was " + credential);
        };
    }
}
