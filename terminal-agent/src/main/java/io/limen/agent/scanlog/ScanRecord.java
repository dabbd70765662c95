package io.limen.agent.scanlog;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A row of the outbox: a decided scan with its sequence number.
 *
 * @param sequence this terminal's sequence number, from 1, increasing by 1 with each decision made
 *                 durable and never reused, also across restarts and wall-clock steps (the database
 *                 assigns it, not the clock); a consumer sees a gap as a missing scan
 * @param scan     what was decided
 * @param sentAt   when the uplink had the broker's acknowledgement of it; empty while unsent
 */
public record ScanRecord(long sequence, ScanEntry scan, Optional<Instant> sentAt) {

    public ScanRecord {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be >= 1, but was " + sequence);
        }
        Objects.requireNonNull(scan, "scan must not be null");
        Objects.requireNonNull(sentAt, "sentAt must not be null");
    }

    public boolean sent() {
        return sentAt.isPresent();
    }
}
