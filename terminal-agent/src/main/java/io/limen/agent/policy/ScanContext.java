package io.limen.agent.policy;

import io.limen.agent.lists.ListSnapshot;
import io.limen.agent.time.TimeReading;
import java.util.Objects;

/**
 * Everything a scan is judged by besides the credential, fixed once per scan so every rule sees the
 * same: the wall-clock reading with its trust state ({@code clock_unsynced}), one snapshot of the lists
 * with their ages ({@code lists_stale}), and the monotonic time and recent passages that anti-passback
 * and replay windows are measured on ({@code passback}, {@code replayed}).
 *
 * @param monotonicNanos the scheduler's clock at the scan: windows use it, never the wall clock, which may step
 * @param passages       the grants this entrance made recently
 * @param presentations  the dynamic codes this entrance granted while they are fresh ({@code replayed})
 */
public record ScanContext(TimeReading time, ListSnapshot lists, long monotonicNanos, Passages passages, Presentations presentations) {

    public ScanContext {
        Objects.requireNonNull(time, "time must not be null");
        Objects.requireNonNull(lists, "lists must not be null");
        Objects.requireNonNull(passages, "passages must not be null");
        Objects.requireNonNull(presentations, "presentations must not be null");
    }

    /** A scan with no dynamic code remembered: a tool's or a test's. */
    public ScanContext(TimeReading time, ListSnapshot lists, long monotonicNanos, Passages passages) {
        this(time, lists, monotonicNanos, passages, Presentations.none());
    }
}
