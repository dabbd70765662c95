package io.limen.agent.scanlog;

/**
 * What can go wrong with the scan log while the terminal keeps deciding. The codes are stable: the
 * uplink's alarms and the status page use them. Add codes; never rename or reuse one.
 */
public enum ScanLogAlarm {
    /** The outbox uses 80 % of its cap or more. */
    NEAR_CAP("scanlog_near_cap"),
    /** The outbox is at its cap and no sent row is left to delete: unsent scans are kept past the cap. */
    PAST_CAP("scanlog_past_cap"),
    /** The outbox cannot be opened or written (locked, damaged, newer schema, read-only, disk full): decisions are held in memory. */
    UNAVAILABLE("scanlog_unavailable"),
    /** Decisions held in memory passed their bound: the oldest of them were dropped. */
    MEMORY_FULL("scanlog_memory_full"),
    /** The hand-off to the writer thread was full: a decision was dropped before it reached the writer. */
    HANDOFF_FULL("scanlog_handoff_full"),
    /** A group took longer than the group-commit window (50 ms) from decision to durable. */
    COMMIT_LATE("scanlog_commit_late");

    private final String code;

    ScanLogAlarm(String code) {
        this.code = code;
    }

    /** The stable code, e.g. {@code scanlog_near_cap}. */
    public String code() {
        return code;
    }

    @Override
    public String toString() {
        return code;
    }
}
