package io.limen.cli;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * ISO-8601 instants with an offset: {@code 2027-01-31T08:00:00Z} or {@code 2027-01-31T09:00+01:00}.
 * A time without an offset is refused: on a terminal in another zone it would mean another time.
 * Shared by the agent's and the provisioning commands; picocli prefixes the message with the option.
 */
public class OffsetInstantConverter implements ITypeConverter<Instant> {

    @Override
    public Instant convert(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' is not an ISO-8601 instant with an offset,"
                    + " e.g. 2027-01-31T08:00:00Z or 2027-01-31T09:00+01:00");
        }
    }
}
