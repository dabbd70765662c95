package io.limen.agent.scanlog;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scan log's alarms, raised and cleared by the writer thread and read by anyone (status, the uplink
 * later). Each alarm is logged when it is raised and when it clears, not on every check: a terminal
 * past its cap for a day writes two lines, not a million.
 */
public final class Alarms {

    private static final Logger log = LoggerFactory.getLogger(Alarms.class);

    private final Set<ScanLogAlarm> active = Collections.synchronizedSet(EnumSet.noneOf(ScanLogAlarm.class));

    /** Raises {@code alarm}; logs {@code detail} (what was seen and what it means) if it was not raised. */
    public void raise(ScanLogAlarm alarm, String detail) {
        if (active.add(alarm)) {
            if (alarm.needsAPerson()) {
                log.error("alarm {}: {}", alarm.code(), detail);
            } else {
                log.warn("alarm {}: {}", alarm.code(), detail);
            }
        }
    }

    /** Clears {@code alarm}, logging that it cleared if it was raised. */
    public void clear(ScanLogAlarm alarm, String detail) {
        if (active.remove(alarm)) {
            log.info("alarm {} cleared: {}", alarm.code(), detail);
        }
    }

    public boolean isRaised(ScanLogAlarm alarm) {
        return active.contains(alarm);
    }

    /** The alarms raised now, a copy. */
    public Set<ScanLogAlarm> active() {
        synchronized (active) {
            return active.isEmpty() ? EnumSet.noneOf(ScanLogAlarm.class) : EnumSet.copyOf(active);
        }
    }
}
