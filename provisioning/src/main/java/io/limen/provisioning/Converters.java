package io.limen.provisioning;

import io.limen.cli.OffsetInstantConverter;
import io.limen.format.credential.ClaimText;
import io.limen.format.credential.Claims;
import io.limen.format.credential.CredentialId;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * Parsers of option values; picocli prefixes their messages with the option's name and exits with 2.
 * Times are read as the agent's command line reads them: ISO-8601 with an offset.
 */
final class Converters {

    private Converters() {
    }

    /**
     * What was typed for {@code option}, in Unicode NFC (the form every text is compared in), if it
     * follows the one rule for a credential's texts ({@link ClaimText}); a usage error (exit 2) naming
     * the option otherwise. The same rule for {@code keys} and {@code issue}, trust files and terminals,
     * so nothing is signed or bound that they refuse.
     */
    static String claimText(CommandLine commandLine, String option, String typed) {
        String text = ClaimText.normalize(typed);
        ClaimText.problem(text).ifPresent(problem -> {
            throw new ParameterException(commandLine, option + " must be " + ClaimText.RULE + ", but " + problem + ": "
                    + ClaimText.shown(text));
        });
        return text;
    }

    /**
     * ISO-8601 instants with an offset: {@code 2027-01-31T08:00:00Z} or {@code 2027-01-31T09:00+01:00},
     * within the times a credential can carry: 1970-01-01T00:00:00Z to {@link Claims#LATEST_TIME}
     * (a CWT NumericDate before 1970 is refused by terminals). A time without an offset is refused:
     * on a terminal in another zone it would mean another time.
     */
    static final class OffsetInstant extends OffsetInstantConverter {
        @Override
        public Instant convert(String value) {
            Instant instant = super.convert(value);
            if (instant.isBefore(Instant.EPOCH) || instant.isAfter(Claims.LATEST_TIME)) {
                throw new TypeConversionException("'" + value + "' must be within " + Instant.EPOCH + " .. "
                        + Claims.LATEST_TIME + ", the times a credential can carry");
            }
            return instant;
        }
    }

    /** A positive ISO-8601 duration: {@code P30D}, {@code PT8H}, {@code P1DT12H}. */
    static final class PositiveDuration implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration duration;
            try {
                duration = Duration.parse(value);
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' must be an ISO-8601 duration, e.g. P30D (30 days) or PT8H (8 hours)");
            }
            if (duration.isNegative() || duration.isZero()) {
                throw new TypeConversionException("'" + value + "' must be a positive duration");
            }
            return duration;
        }
    }

    /** A credential id in hex: 1 to 16 bytes (2 to 32 hex digits). */
    static final class Cti implements ITypeConverter<CredentialId> {
        @Override
        public CredentialId convert(String value) {
            byte[] bytes;
            try {
                bytes = HexFormat.of().parseHex(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' must be an even number of hex digits (0-9, a-f)");
            }
            if (bytes.length < 1 || bytes.length > CredentialId.MAX_LENGTH) {
                throw new TypeConversionException("'" + value + "' must be 1 to 16 bytes (2 to 32 hex digits), but was " + bytes.length + " bytes");
            }
            return new CredentialId(bytes);
        }
    }
}
