package io.limen.provisioning;

import io.limen.agent.credential.CredentialId;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parsers of option values; picocli prefixes their messages with the option's name and exits with 2.
 * Times use the agent's {@link io.limen.agent.cli.InstantConverter}, so both command lines read them alike.
 */
final class Converters {

    private Converters() {
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
