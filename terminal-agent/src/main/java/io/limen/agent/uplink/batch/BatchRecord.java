package io.limen.agent.uplink.batch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.limen.agent.scanlog.ScanRecord;
import java.util.Objects;

/**
 * One scan in a telemetry batch (schema version 1), as the JSON carries it.
 *
 * @param sequence  the terminal's sequence number of the scan, ≥ 1 (with the terminal id, the key a consumer de-duplicates by)
 * @param decidedAt the terminal's wall clock at the decision, ISO-8601 UTC such as {@code 2026-11-30T14:00:00.123Z}
 * @param granted   whether the gate opened
 * @param reason    the stable reason code, {@code ok} for a grant (io.limen.format.Reason)
 * @param cti       the credential id in lower-case hex; null when no signature was verified
 * @param iss       the credential's issuer; null when not verified
 * @param sub       the credential's subject (a pseudonymous holder id); null when not verified
 * @param zone      the zone the terminal admits to; null for an entrance of any zone
 * @param direction a gate event's direction, {@code entry} or {@code exit}; null (absent) for a decision,
 *                  an entrance-wide event, and in every batch from before the field existed
 * @param micros    how long each stage took, in microseconds
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchRecord(
        @JsonProperty(required = true) long sequence,
        @JsonProperty(required = true) String decidedAt,
        @JsonProperty(required = true) boolean granted,
        @JsonProperty(required = true) String reason,
        String cti,
        String iss,
        String sub,
        String zone,
        String direction,
        @JsonProperty(required = true) Micros micros) {

    /** Microseconds per stage, each ≥ 0; {@code frameToRelay} is 0 for a code not from a camera. */
    public record Micros(
            @JsonProperty(required = true) long decode,
            @JsonProperty(required = true) long verify,
            @JsonProperty(required = true) long decide,
            @JsonProperty(required = true) long frameToRelay) {
        public Micros {
            if (decode < 0 || verify < 0 || decide < 0 || frameToRelay < 0) {
                throw new IllegalArgumentException("stage micros must be >= 0");
            }
        }
    }

    public BatchRecord {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be >= 1, but was " + sequence);
        }
        BatchDocument.instant("decidedAt", decidedAt);
        Objects.requireNonNull(reason, "reason must not be null");
        if (reason.isEmpty() || granted != "ok".equals(reason)) {
            throw new IllegalArgumentException("granted must be true exactly when reason is ok, but was granted "
                    + granted + " with reason \"" + reason + "\"");
        }
        if (direction != null && !direction.equals("entry") && !direction.equals("exit")) {
            throw new IllegalArgumentException("direction must be entry or exit, but was \"" + direction + "\"");
        }
        Objects.requireNonNull(micros, "micros must not be null");
    }

    /** The batch form of an outbox row. */
    public static BatchRecord of(ScanRecord record) {
        var scan = record.scan();
        var l = scan.latencies();
        return new BatchRecord(record.sequence(), scan.decidedAt().toString(), scan.granted(), scan.reason().code(),
                scan.credentialId().orElse(null), scan.issuer().orElse(null), scan.subject().orElse(null),
                scan.zone().orElse(null), scan.direction().map(d -> d.configName()).orElse(null), new Micros(l.decode(), l.verify(), l.decide(), l.frameToRelay()));
    }
}
