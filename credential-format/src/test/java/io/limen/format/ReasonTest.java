package io.limen.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pins every reason code: the display, the scan log, the command line and telemetry all match on
 * these strings, so renaming one breaks terminals and dashboards in the field. Adding a constant
 * without a row here fails {@link #everyReasonIsPinned()}.
 */
class ReasonTest {

    @ParameterizedTest(name = "{0} <-> {1}")
    @CsvSource({
            "OK,             ok",
            "NO_CODE,        no_code",
            "BAD_PREFIX,     bad_prefix",
            "BAD_BASE45,     bad_base45",
            "TOO_LARGE,      too_large",
            "BAD_ZLIB,       bad_zlib",
            "BAD_COSE,       bad_cose",
            "UNSUPPORTED_ALG, unsupported_alg",
            "UNKNOWN_KID,    unknown_kid",
            "BAD_SIGNATURE,  bad_signature",
            "BAD_CLAIMS,     bad_claims",
            "EXPIRED,        expired",
            "NOT_YET_VALID,  not_yet_valid",
            "REVOKED,        revoked",
            "REPLAYED,       replayed",
            "WRONG_ZONE,     wrong_zone",
            "PASSBACK,       passback",
            "CLOCK_UNSYNCED, clock_unsynced",
            "LISTS_STALE,    lists_stale",
            "UNTRUSTED_ISSUER, untrusted_issuer",
            "BAD_PRESENTATION, bad_presentation",
            "NO_HOLDER_KEY,  no_holder_key",
            "BAD_HOLDER_SIGNATURE, bad_holder_signature",
            "PRESENTATION_EXPIRED, presentation_expired",
            "PRESENTATION_NOT_YET_VALID, presentation_not_yet_valid",
            "STATIC_NOT_ALLOWED, static_not_allowed",
            "OUTSIDE_SCHEDULE, outside_schedule",
            "PASSED,         passed",
            "NOT_PASSED,     not_passed",
            "FORCED,         forced",
            "HELD_OPEN,      held_open",
            "EXIT_REQUEST,   exit_request",
            "FIRE_ALARM,     fire_alarm",
            "FIRE_CLEARED,   fire_cleared",
    })
    void reason_hasItsPinnedCode(Reason reason, String code) {
        assertEquals(code, reason.code());
        assertEquals(code, reason.toString());
        assertEquals(Optional.of(reason), Reason.fromCode(code));
    }

    @Test
    void everyReasonIsPinned() {
        // Keep in step with the table above: a new constant needs a new row.
        assertEquals(34, Reason.values().length, "Reason constants (add a row to reason_hasItsPinnedCode for each new one)");
    }

    @ParameterizedTest
    @EnumSource(Reason.class)
    void fromCode_roundTrips(Reason reason) {
        assertEquals(Optional.of(reason), Reason.fromCode(reason.code()));
    }

    @ParameterizedTest
    @EnumSource(Reason.class)
    void code_isLowerSnakeCase(Reason reason) {
        assertTrue(reason.code().matches("[a-z][a-z0-9]*(_[a-z0-9]+)*"), () -> "code must be lower snake case, but was " + reason.code());
    }

    @Test
    void codes_areUnique() {
        Set<String> codes = Arrays.stream(Reason.values()).map(Reason::code).collect(Collectors.toSet());
        assertEquals(Reason.values().length, codes.size(), "distinct codes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "OK", "Bad_Signature", "bad-signature", " ok", "unknown"})
    void fromCode_ofAnythingElse_isEmpty(String code) {
        assertEquals(Optional.empty(), Reason.fromCode(code));
    }
}
