package io.limen.provisioning.telemetry;

import java.util.Comparator;
import java.util.Objects;

/**
 * A terminal as its batches name it: its site and its id. The consumer de-duplicates by (terminal,
 * sequence) with both parts, so two sites may each have a {@code door-3}.
 *
 * @param site     the batch's {@code site}
 * @param terminal the batch's {@code terminal}
 */
public record TerminalId(String site, String terminal) implements Comparable<TerminalId> {

    private static final Comparator<TerminalId> ORDER =
            Comparator.comparing(TerminalId::site).thenComparing(TerminalId::terminal);

    public TerminalId {
        Objects.requireNonNull(site, "site must not be null");
        Objects.requireNonNull(terminal, "terminal must not be null");
    }

    @Override
    public int compareTo(TerminalId other) {
        return ORDER.compare(this, other);
    }

    /** {@code site/terminal}, as the event lines and the status table print it. */
    @Override
    public String toString() {
        return site + "/" + terminal;
    }
}
