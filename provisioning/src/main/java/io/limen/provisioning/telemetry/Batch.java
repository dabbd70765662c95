package io.limen.provisioning.telemetry;

import java.util.List;
import java.util.Objects;

/**
 * A decoded telemetry batch (schema version 1, docs/telemetry.md "Batches"): its scans in strictly
 * increasing sequence order within {@code firstSequence..lastSequence}.
 *
 * @param batchId       the message's own id (a UUID); a range the terminal sends again gets a new one
 * @param terminal      who sent it
 * @param firstSequence the first scan's sequence number
 * @param lastSequence  the last scan's sequence number
 * @param createdAt     when the terminal closed the batch, ISO-8601 UTC as sent
 * @param scans         one or more scans
 */
public record Batch(String batchId, TerminalId terminal, long firstSequence, long lastSequence, String createdAt,
                    List<Scan> scans) {

    public Batch {
        Objects.requireNonNull(batchId, "batchId must not be null");
        Objects.requireNonNull(terminal, "terminal must not be null");
        Objects.requireNonNull(createdAt, "createdAt must not be null");
        scans = List.copyOf(scans);
        if (scans.isEmpty()) {
            throw new IllegalArgumentException("a batch holds at least one scan");
        }
        long previous = 0;
        for (Scan scan : scans) {
            if (scan.sequence() <= previous) {
                throw new IllegalArgumentException("scans must be in strictly increasing sequence order, but "
                        + scan.sequence() + " followed " + previous);
            }
            previous = scan.sequence();
        }
        if (firstSequence != scans.getFirst().sequence() || lastSequence != scans.getLast().sequence()) {
            throw new IllegalArgumentException("firstSequence..lastSequence must be the scans' range "
                    + scans.getFirst().sequence() + ".." + scans.getLast().sequence() + ", but was "
                    + firstSequence + ".." + lastSequence);
        }
    }

    @Override
    public String toString() {
        return "Batch[" + batchId + ", " + terminal + ", " + firstSequence + ".." + lastSequence + ", scans=" + scans.size() + "]";
    }
}
