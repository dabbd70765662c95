package io.limen.agent.scanlog;

import java.util.Set;

/**
 * The scan log as the status page and heartbeat see it, one snapshot.
 *
 * @param queued            decisions in the hand-off, not yet taken by the writer
 * @param held              decisions the writer holds, not yet durable (one group, or more while the file cannot be written)
 * @param lastSequence      the highest sequence number made durable; 0 for none
 * @param droppedAtHandOff  decisions lost because the hand-off was full (never written anywhere)
 * @param droppedFromMemory decisions lost because the file could not be written for longer than memory holds
 * @param lateGroups        groups that took longer than the 50 ms window from decision to durable
 * @param alarms            the alarms raised now
 */
public record ScanLogStatus(int queued, int held, long lastSequence, long droppedAtHandOff, long droppedFromMemory,
                            long lateGroups, Set<ScanLogAlarm> alarms) {

    public ScanLogStatus {
        alarms = Set.copyOf(alarms);
    }
}
