package io.limen.agent.time;

import java.time.Instant;
import java.util.Objects;

/**
 * One reading of the wall clock, and whether the clock deserves trust. A Pi has no real-time clock:
 * until NTP (or a signed time from the lists) has set it, it starts from the last shutdown or from
 * 1970, and validity judged on it would be wrong. The policy decides what an untrusted reading means.
 *
 * @param instant what the clock says
 * @param trust   whether it was synchronised when read
 */
public record TimeReading(Instant instant, Trust trust) {

    public enum Trust {
        /** Set from a time source the terminal trusts (NTP, the lists' signed time, or the operator). */
        SYNCHRONISED,
        /** Not set since boot, or the source was lost for longer than allowed. */
        UNSYNCHRONISED
    }

    public TimeReading {
        Objects.requireNonNull(instant, "instant must not be null");
        Objects.requireNonNull(trust, "trust must not be null");
    }

    /** A reading the terminal trusts: a synchronised clock, or a time the operator gave ({@code scan --at}). */
    public static TimeReading trusted(Instant instant) {
        return new TimeReading(instant, Trust.SYNCHRONISED);
    }

    public boolean trusted() {
        return trust == Trust.SYNCHRONISED;
    }
}
