package io.limen.agent.scanlog;

/**
 * What can go wrong with the scan log while the terminal keeps deciding. The codes are stable: the
 * uplink's alarms and the status page use them. Add codes; never rename or reuse one.
 */
public enum ScanLogAlarm {
    /** The outbox uses 80 % of its cap or more. */
    NEAR_CAP("scanlog_near_cap", false),
    /** The outbox is at its cap and no sent row is left to delete: unsent scans are kept past the cap. */
    PAST_CAP("scanlog_past_cap", true),
    /** The outbox cannot be opened or written (locked, damaged, newer schema, read-only, disk full): decisions are held in memory. */
    UNAVAILABLE("scanlog_unavailable", true),
    /** Decisions held in memory passed their bound: the oldest of them were dropped. */
    MEMORY_FULL("scanlog_memory_full", true),
    /** The hand-off to the writer thread was full: a decision was dropped before it reached the writer. */
    HANDOFF_FULL("scanlog_handoff_full", true),
    /** A group took longer than the group-commit window (50 ms) from decision to durable. */
    COMMIT_LATE("scanlog_commit_late", false);

    private final String code;
    private final boolean needsAPerson;

    ScanLogAlarm(String code, boolean needsAPerson) {
        this.code = code;
        this.needsAPerson = needsAPerson;
    }

    /** True when decisions are or may be lost unless someone acts (logged at ERROR); false for degraded but working (WARN). */
    public boolean needsAPerson() {
        return needsAPerson;
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
