package io.limen.provisioning.telemetry;

import java.util.Objects;

/**
 * One scan of a batch (schema version 1), as the consumer read it: the record's fields, unchanged.
 *
 * @param sequence  the terminal's sequence number, 1..{@link BatchDecoder#MAX_SEQUENCE}
 * @param decidedAt the terminal's wall clock at the decision, ISO-8601 UTC as sent
 * @param granted   whether the gate opened
 * @param reason    the stable reason code, {@code ok} exactly when granted
 * @param cti       the credential id in lower-case hex; null when the terminal verified no signature
 * @param iss       the credential's issuer; null likewise
 * @param sub       the credential's subject (a pseudonymous holder id); null likewise
 * @param zone      the terminal's zone; null for an entrance of any zone
 * @param direction a gate event's direction, {@code entry} or {@code exit}; null for a decision, an
 *                  entrance-wide event, and in batches from terminals that do not send it
 * @param micros    the stage latencies
 */
public record Scan(long sequence, String decidedAt, boolean granted, String reason, String cti, String iss, String sub,
                   String zone, String direction, Micros micros) {

    /** Stage latencies in microseconds, each ≥ 0. */
    public record Micros(long decode, long verify, long decide, long frameToRelay) {
        public Micros {
            if (decode < 0 || verify < 0 || decide < 0 || frameToRelay < 0) {
                throw new IllegalArgumentException("stage micros must be >= 0, but were " + decode + ", " + verify
                        + ", " + decide + ", " + frameToRelay);
            }
        }
    }

    public Scan {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be >= 1, but was " + sequence);
        }
        Objects.requireNonNull(decidedAt, "decidedAt must not be null");
        Objects.requireNonNull(reason, "reason must not be null");
        Objects.requireNonNull(micros, "micros must not be null");
    }
}
