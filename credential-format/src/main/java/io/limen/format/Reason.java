package io.limen.format;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Why a scan ended the way it did. The codes are a contract: the display, the scan log, the command
 * line and telemetry all use them, and {@code ReasonTest} pins every one. Add codes; never rename or
 * reuse one.
 */
public enum Reason {
    /** Access granted. */
    OK("ok"),
    /** The frame or image held no readable QR code. */
    NO_CODE("no_code"),
    /** The text does not start with a known credential prefix. */
    BAD_PREFIX("bad_prefix"),
    /** The text after the prefix is not valid Base45. */
    BAD_BASE45("bad_base45"),
    /** The text, or the payload once inflated, is larger than a credential can be. */
    TOO_LARGE("too_large"),
    /** The payload looks compressed but is not a valid zlib stream. */
    BAD_ZLIB("bad_zlib"),
    /** The payload is not a well-formed COSE_Sign1 structure. */
    BAD_COSE("bad_cose"),
    /** The COSE algorithm is missing from the protected header or is not EdDSA/ES256. */
    UNSUPPORTED_ALG("unsupported_alg"),
    /** No trusted issuer key has the credential's key id. */
    UNKNOWN_KID("unknown_kid"),
    /** No trusted key with the credential's key id verifies the signature. */
    BAD_SIGNATURE("bad_signature"),
    /** The signed payload is not a valid set of CWT claims (missing or mistyped claim). */
    BAD_CLAIMS("bad_claims"),
    /** The credential's expiry has passed (beyond the allowed clock skew). */
    EXPIRED("expired"),
    /** The credential's not-before or issued-at time is still in the future. */
    NOT_YET_VALID("not_yet_valid"),
    /** The credential is on the revocation list. */
    REVOKED("revoked"),
    /** The same dynamic presentation was already seen within its window. */
    REPLAYED("replayed"),
    /** The credential does not grant this terminal's zone. */
    WRONG_ZONE("wrong_zone"),
    /** The holder already passed this way (anti-passback). */
    PASSBACK("passback"),
    /** The terminal cannot trust its own clock, so it cannot judge validity. */
    CLOCK_UNSYNCED("clock_unsynced"),
    /** The trust or revocation lists are older than the entrance allows. */
    LISTS_STALE("lists_stale"),
    /** The key that signed the credential is not trusted for its issuer (the trust file binds it to another). */
    UNTRUSTED_ISSUER("untrusted_issuer"),
    /**
     * A dynamic code ({@code LQ1:}) whose holder-signed payload is not {@code [credential, t, nonce]}: not
     * an array of three, a credential that is not a plain COSE_Sign1 (compressed, or itself a dynamic
     * code), {@code t} not a NumericDate, or a nonce that is not 8 bytes.
     */
    BAD_PRESENTATION("bad_presentation"),
    /** A dynamic code whose credential names no holder key ({@code cnf}), so nothing can check who signed it. */
    NO_HOLDER_KEY("no_holder_key"),
    /** A dynamic code not signed by the holder key its credential names (another key, alg or kid). */
    BAD_HOLDER_SIGNATURE("bad_holder_signature"),
    /** A dynamic code signed longer ago than the window allows: a screenshot, or a phone far behind. */
    PRESENTATION_EXPIRED("presentation_expired"),
    /** A dynamic code signed further in the future than the window allows: a phone's clock far ahead. */
    PRESENTATION_NOT_YET_VALID("presentation_not_yet_valid"),
    /** This entrance admits dynamic codes only, and a static credential ({@code LP1:}) was shown. */
    STATIC_NOT_ALLOWED("static_not_allowed"),
    /** The entrance's schedule is closed at this time (outside its weekly windows, or a holiday). */
    OUTSIDE_SCHEDULE("outside_schedule"),

    // What the gate saw after (or without) a decision: the scan log keeps these beside the decisions,
    // in rows of their own (never a grant: their rows are not granted).

    /** Gate event: a grant was used, the passage sensor or door contact saw the person through. */
    PASSED("passed"),
    /** Gate event: a grant timed out with nobody through; the lock went back. */
    NOT_PASSED("not_passed"),
    /** Gate event: a passage with no grant, or a door opened while locked (tailgating, forced entry). */
    FORCED("forced"),
    /** Gate event: the door stood open longer than allowed. */
    HELD_OPEN("held_open"),
    /** Gate event: the request-to-exit button released the lock without a scan. */
    EXIT_REQUEST("exit_request"),
    /** Gate event: the fire-alarm input went active (or its wire was cut); the entrance is held free. */
    FIRE_ALARM("fire_alarm"),
    /** Gate event: the fire-alarm input is back to normal; the entrance locks again. */
    FIRE_CLEARED("fire_cleared");

    private static final Map<String, Reason> BY_CODE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(r -> r.code, Function.identity()));

    private final String code;

    Reason(String code) {
        this.code = code;
    }

    /** The stable wire code, e.g. {@code bad_signature}. */
    public String code() {
        return code;
    }

    public static Optional<Reason> fromCode(String code) {
        return Optional.ofNullable(BY_CODE.get(code));
    }

    @Override
    public String toString() {
        return code;
    }
}
