package io.limen.provisioning.telemetry;

import java.util.Objects;

/**
 * A message the consumer would not take.
 *
 * @param reason the stable reason
 * @param detail one line for a person: what was wrong, with the value seen (control characters replaced)
 */
public record Refused(RefusalReason reason, String detail) implements BatchDecoder.Result, FleetLedger.Result {

    /** The longest detail kept, in characters: a hostile payload does not get to write pages to a log. */
    static final int MAX_DETAIL = 300;

    public Refused {
        Objects.requireNonNull(reason, "reason must not be null");
        Objects.requireNonNull(detail, "detail must not be null");
        detail = printable(detail, MAX_DETAIL);
    }

    /** {@code text} on one line: control characters as {@code ?}, cut to {@code max} characters with an ellipsis. */
    static String printable(String text, int max) {
        String line = text.replaceAll("\\p{Cntrl}", "?");
        return line.length() <= max ? line : line.substring(0, max) + "…";
    }
}
