package io.limen.agent.uplink.batch;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;

/**
 * A telemetry batch, the JSON document one MQTT message carries (docs/telemetry.md, "Batches";
 * docs/telemetry-batch.schema.json). The records are in increasing sequence order and span exactly
 * {@code firstSequence..lastSequence}; a sequence missing between them is a gap the consumer reports.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}
 * @param batchId       this batch's own id (a random UUID): a re-sent range gets a new one, so de-duplicate by
 *                      (terminal, sequence), not by batch id
 * @param terminal      the terminal's id
 * @param site          the site's id
 * @param firstSequence the first record's sequence number
 * @param lastSequence  the last record's sequence number
 * @param createdAt     when the terminal closed the batch, ISO-8601 UTC
 * @param records       1 or more scans, in strictly increasing sequence order
 */
public record BatchDocument(
        @JsonProperty(required = true) int schemaVersion,
        @JsonProperty(required = true) String batchId,
        @JsonProperty(required = true) String terminal,
        @JsonProperty(required = true) String site,
        @JsonProperty(required = true) long firstSequence,
        @JsonProperty(required = true) long lastSequence,
        @JsonProperty(required = true) String createdAt,
        @JsonProperty(required = true) List<BatchRecord> records) {

    /** The version this code writes and reads; it changes with any change a version-1 reader would misread. */
    public static final int SCHEMA_VERSION = 1;

    public BatchDocument {
        Objects.requireNonNull(batchId, "batchId must not be null");
        if (terminal == null || terminal.isEmpty() || site == null || site.isEmpty()) {
            throw new IllegalArgumentException("terminal and site must be non-empty");
        }
        instant("createdAt", createdAt);
        Objects.requireNonNull(records, "records must not be null");
        records = List.copyOf(records);
        if (records.isEmpty()) {
            throw new IllegalArgumentException("a batch holds at least one record");
        }
        long previous = 0;
        for (BatchRecord r : records) {
            if (r.sequence() <= previous) {
                throw new IllegalArgumentException("records must be in strictly increasing sequence order, but "
                        + r.sequence() + " followed " + previous);
            }
            previous = r.sequence();
        }
        if (firstSequence != records.getFirst().sequence() || lastSequence != records.getLast().sequence()) {
            throw new IllegalArgumentException("firstSequence..lastSequence must be the records' range "
                    + records.getFirst().sequence() + ".." + records.getLast().sequence() + ", but was "
                    + firstSequence + ".." + lastSequence);
        }
    }

    /** How many sequence numbers between first and last are missing from this batch. */
    public long missing() {
        return lastSequence - firstSequence + 1 - records.size();
    }

    static void instant(String field, String value) {
        Objects.requireNonNull(value, field + " must not be null");
        try {
            Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be an ISO-8601 instant, but was \"" + value + "\"");
        }
    }
}
