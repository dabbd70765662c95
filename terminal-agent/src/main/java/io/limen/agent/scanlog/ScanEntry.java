package io.limen.agent.scanlog;

import io.limen.agent.gate.GateEvent;
import io.limen.agent.policy.Decision;
import io.limen.config.Direction;
import io.limen.format.Reason;
import io.limen.format.credential.Claims;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One decided scan (or one {@linkplain #of(GateEvent, Instant, Optional) gate event}) as the scan log
 * keeps it, before the outbox gives it a sequence number. Only what a
 * verified signature vouches for is kept: a code refused before its signature was checked has no
 * credential id, issuer or subject here, because whoever printed it chose them.
 *
 * @param decidedAt    the terminal's wall clock when the decision was handed to the log (may step; the
 *                     sequence number, not this, orders the log)
 * @param reason       {@link Reason#OK} for a grant, else the refusal's stable code; never {@code no_code}
 * @param credentialId the credential's {@code cti} in lower-case hex, when its signature was verified
 * @param issuer       its {@code iss}, when verified
 * @param subject      its {@code sub} (a pseudonymous holder id), when verified
 * @param zone         the zone this terminal admits to; empty for an entrance of any zone
 * @param latencies    how long each stage took, in microseconds
 * @param direction    a gate event's direction: the sensor that saw the passage ({@code entry} or {@code exit}
 *                     rotation/passage sensor), the exit button's {@code exit}, or the way a grant that
 *                     was used or not let its holder go; empty for a decision and for an entrance-wide
 *                     event (fire alarm, a door forced or held open)
 */
public record ScanEntry(Instant decidedAt, Reason reason, Optional<String> credentialId, Optional<String> issuer,
                        Optional<String> subject, Optional<String> zone, StageMicros latencies, Optional<Direction> direction) {

    /**
     * Microseconds per stage of one scan, each ≥ 0.
     *
     * @param frameToRelay from the frame's arrival to the gate command returning; 0 for a code not from a camera
     */
    public record StageMicros(long decode, long verify, long decide, long frameToRelay) {
        public StageMicros {
            if (decode < 0 || verify < 0 || decide < 0 || frameToRelay < 0) {
                throw new IllegalArgumentException("stage latencies must be >= 0 µs, but were decode " + decode
                        + ", verify " + verify + ", decide " + decide + ", frameToRelay " + frameToRelay);
            }
        }
    }

    public ScanEntry {
        Objects.requireNonNull(decidedAt, "decidedAt must not be null");
        Objects.requireNonNull(reason, "reason must not be null");
        Objects.requireNonNull(credentialId, "credentialId must not be null");
        Objects.requireNonNull(issuer, "issuer must not be null");
        Objects.requireNonNull(subject, "subject must not be null");
        Objects.requireNonNull(zone, "zone must not be null");
        Objects.requireNonNull(latencies, "latencies must not be null");
        Objects.requireNonNull(direction, "direction must not be null");
        if (reason == Reason.NO_CODE) {
            throw new IllegalArgumentException("a scan log entry must be a decision, but its reason was no_code");
        }
    }

    /** An entry with no direction: a decision, or an entrance-wide gate event. */
    public ScanEntry(Instant decidedAt, Reason reason, Optional<String> credentialId, Optional<String> issuer,
                     Optional<String> subject, Optional<String> zone, StageMicros latencies) {
        this(decidedAt, reason, credentialId, issuer, subject, zone, latencies, Optional.empty());
    }

    /** The entry for {@code decision}; nanoseconds are truncated to microseconds. */
    public static ScanEntry of(Decision decision, Instant decidedAt, Optional<String> zone, long decodeNanos,
                               long verifyNanos, long decideNanos, long frameToRelayNanos) {
        Optional<Claims> claims = decision.credential().map(c -> c.claims());
        return new ScanEntry(decidedAt, decision.reason(), claims.map(c -> c.id().toHex()), claims.map(Claims::issuer),
                claims.map(Claims::subject), zone, new StageMicros(decodeNanos / 1000, verifyNanos / 1000,
                decideNanos / 1000, frameToRelayNanos / 1000));
    }

    /**
     * The row of something the gate saw (a passage, a forced door, the fire alarm): its reason is the
     * event's code ({@code passed}, {@code not_passed}, ...), never a grant; the credential is the one
     * whose grant it is about, when there is one; the event's direction, when it has one; no stage latencies.
     */
    public static ScanEntry of(GateEvent event, Instant at, Optional<String> zone) {
        Optional<Claims> claims = event.credential().map(c -> c.claims());
        return new ScanEntry(at, event.kind().reason(), claims.map(c -> c.id().toHex()), claims.map(Claims::issuer),
                claims.map(Claims::subject), zone, new StageMicros(0, 0, 0, 0), event.direction());
    }

    /** Whether this row is a gate event rather than a decision. */
    public boolean gateEvent() {
        return GateEvent.Kind.of(reason).isPresent();
    }

    public boolean granted() {
        return reason == Reason.OK;
    }
}
