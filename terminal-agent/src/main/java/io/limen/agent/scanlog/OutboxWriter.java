package io.limen.agent.scanlog;

import io.limen.agent.revocation.SqliteConnections;
import io.limen.agent.time.WallClock;
import io.limen.config.ScanLogConfig;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer thread's work, one call per group: append what was handed over in one transaction, and
 * keep the outbox within its cap and retention. Synchronous and single-threaded, with time passed in
 * through {@code nanos}, so tests drive it call by call with a stepped clock; {@link ScanLogWriter}
 * runs it on its thread.
 *
 * <p>The one place that decides about the outbox file, as guard clauses in {@link #write}:
 * <ul>
 *   <li>not open: try to open it, at most every {@link #RETRY}; a failure is reported once per kind of
 *       trouble (locked, damaged, newer schema, ...), with {@link ScanLogAlarm#UNAVAILABLE};
 *   <li>a commit fails: nothing of the group was appended (one transaction); it stays in memory, the file is
 *       closed and opened again later;
 *   <li>while the file cannot be written, decisions wait in memory up to {@code memoryRecords}; past that the
 *       oldest are dropped, counted, and {@link ScanLogAlarm#MEMORY_FULL} raised. They never had a
 *       sequence number, so no consumer can see them as a gap: the count and the alarm are the record.
 * </ul>
 */
final class OutboxWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboxWriter.class);

    /** The promise: at most this long from a decision to its group being durable. */
    static final Duration GROUP_COMMIT_WINDOW = Duration.ofMillis(50);
    /** How often a file that could not be opened or written is tried again. */
    static final Duration RETRY = Duration.ofSeconds(5);
    /** How often sent rows past their retention are deleted. */
    static final Duration PRUNE_EVERY = Duration.ofMinutes(1);
    /** Groups in a row within the window that clear {@link ScanLogAlarm#COMMIT_LATE}. */
    static final int TIMELY_TO_CLEAR = 1000;
    /** The most rows one transaction appends: keeps a catching-up commit short. */
    static final int MAX_GROUP = 2048;
    /** Sent rows deleted per step at the cap; the usage is measured again after each step. */
    static final int DELETE_STEP = 64;

    private final SqliteConnections connections;
    private final ScanLogConfig config;
    private final WallClock wallClock;
    private final LongSupplier nanos;
    private final Alarms alarms;
    private final Consumer<Outbox.Sequences> onDurable;
    private final ArrayDeque<Pending> held = new ArrayDeque<>();

    private Outbox outbox;
    private long nextOpenNanos;
    private long nextPruneNanos;
    private OutboxException.Kind reported;
    private long lastSequence;
    private long droppedFromMemory;
    private long lateGroups;
    private long maxLatencyNanos;
    private long commits;
    private int timelyInARow;

    /**
     * @param nanos     monotonic time, the same clock the hand-off stamps {@link Pending#handedNanos} with
     * @param onDurable told of each group once it is durable, on this thread; must not block
     */
    OutboxWriter(SqliteConnections connections, ScanLogConfig config, WallClock wallClock, LongSupplier nanos,
                 Alarms alarms, Consumer<Outbox.Sequences> onDurable) {
        this.connections = connections;
        this.config = config;
        this.wallClock = wallClock;
        this.nanos = nanos;
        this.alarms = alarms;
        this.onDurable = onDurable;
        long now = nanos.getAsLong();
        this.nextOpenNanos = now;
        this.nextPruneNanos = now;
    }

    /** Appends {@code handed} (may be empty: then only retries and housekeeping) and what is held from before. */
    void write(List<Pending> handed) {
        held.addAll(handed);
        long now = nanos.getAsLong();
        if (outbox == null && now - nextOpenNanos >= 0) {
            open(now);
        }
        if (outbox == null) {
            // Cannot write now: keep the newest memoryRecords decisions until the file can be written again.
            trimHeld();
            return;
        }
        while (!held.isEmpty() && outbox != null) {
            commitGroup();
        }
        if (outbox != null) {
            housekeeping(nanos.getAsLong());
        }
    }

    private void open(long now) {
        try {
            outbox = Outbox.open(connections);
            lastSequence = outbox.highestSequence();
            if (reported != null) {
                alarms.clear(ScanLogAlarm.UNAVAILABLE, "scan log " + outbox.file() + " can be written again; writing the "
                        + held.size() + " decisions held in memory");
                reported = null;
            }
        } catch (OutboxException e) {
            failed(e, now);
        } catch (SQLException e) {
            failed(OutboxFailures.of(connections.describe(), e), now);
        }
    }

    private void commitGroup() {
        List<Pending> group = new ArrayList<>(Math.min(held.size(), MAX_GROUP));
        for (Pending p : held) {
            if (group.size() == MAX_GROUP) {
                break;
            }
            group.add(p);
        }
        List<ScanEntry> entries = new ArrayList<>(group.size());
        for (Pending p : group) {
            entries.add(p.entry());
        }
        Outbox.Sequences sequences;
        try {
            sequences = outbox.append(entries);
        } catch (SQLException e) {
            failed(OutboxFailures.of(outbox.file(), e), nanos.getAsLong());
            return;
        }
        for (int i = 0; i < group.size(); i++) {
            held.removeFirst();
        }
        commits++;
        lastSequence = sequences.last();
        long latency = nanos.getAsLong() - group.get(0).handedNanos();
        maxLatencyNanos = Math.max(maxLatencyNanos, latency);
        if (latency > GROUP_COMMIT_WINDOW.toNanos()) {
            // The disk (an SD card's garbage collection) or a catch-up after a failure: counted, alarmed, not fatal.
            lateGroups++;
            timelyInARow = 0;
            String detail = "a group of " + group.size() + " decisions took " + latency / 1_000_000
                    + " ms from decision to durable, over the " + GROUP_COMMIT_WINDOW.toMillis() + " ms window ("
                    + lateGroups + " late groups so far)";
            if (alarms.isRaised(ScanLogAlarm.COMMIT_LATE) && lateGroups % 1000 == 0) {
                log.warn("{}", detail);
            }
            alarms.raise(ScanLogAlarm.COMMIT_LATE, detail);
        } else if (++timelyInARow == TIMELY_TO_CLEAR) {
            alarms.clear(ScanLogAlarm.COMMIT_LATE, TIMELY_TO_CLEAR + " groups in a row durable within "
                    + GROUP_COMMIT_WINDOW.toMillis() + " ms");
        }
        onDurable.accept(sequences);
    }

    private void failed(OutboxException e, long now) {
        if (outbox != null) {
            outbox.close();
            outbox = null;
        }
        nextOpenNanos = now + RETRY.toNanos();
        if (e.kind() != reported) {
            reported = e.kind();
            String detail = e.getMessage() + "; the terminal keeps deciding, holding up to " + config.memoryRecords()
                    + " decisions in memory (lost if the process ends) and trying again every " + RETRY.toSeconds() + " s";
            if (alarms.isRaised(ScanLogAlarm.UNAVAILABLE)) {
                log.error("{}", detail); // a new kind of trouble while the alarm stands: said once too
            }
            alarms.raise(ScanLogAlarm.UNAVAILABLE, detail);
        }
    }

    private void trimHeld() {
        int over = held.size() - config.memoryRecords();
        if (over <= 0) {
            return;
        }
        for (int i = 0; i < over; i++) {
            held.removeFirst();
        }
        droppedFromMemory += over;
        alarms.raise(ScanLogAlarm.MEMORY_FULL, "the scan log cannot be written and " + config.memoryRecords()
                + " decisions are held in memory: the oldest are dropped (" + droppedFromMemory + " so far), never"
                + " numbered, so no consumer sees them as a gap; this count is their only record");
    }

    /** Retention, then the cap: sent rows only, oldest first; the alarms follow the usage. */
    private void housekeeping(long now) {
        try {
            if (now - nextPruneNanos >= 0) {
                nextPruneNanos = now + PRUNE_EVERY.toNanos();
                outbox.deleteSentBefore(wallClock.read().instant().minus(config.retention()));
            }
            long used = outbox.usedBytes();
            while (used >= config.maxBytes() && outbox.deleteOldestSent(DELETE_STEP) > 0) {
                used = outbox.usedBytes();
            }
            alarmOnUsage(used);
        } catch (SQLException e) {
            failed(OutboxFailures.of(outbox.file(), e), now);
        }
    }

    private void alarmOnUsage(long used) throws SQLException {
        long cap = config.maxBytes();
        if (used >= cap) {
            alarms.raise(ScanLogAlarm.PAST_CAP, describe(outbox.usage()) + ": unsent scans alone fill the cap; they are"
                    + " kept and the terminal keeps deciding until the disk itself is full");
        } else {
            alarms.clear(ScanLogAlarm.PAST_CAP, "scan log below its cap");
        }
        if (used * 5 >= cap * 4) {
            alarms.raise(ScanLogAlarm.NEAR_CAP, describe(outbox.usage()));
        } else if (used * 4 < cap * 3) {
            // Cleared below 75 %, not 80 %: a log hovering at the line does not raise and clear on every commit.
            alarms.clear(ScanLogAlarm.NEAR_CAP, "scan log uses " + used + " of its cap of " + cap + " bytes");
        }
    }

    private String describe(Outbox.Usage u) {
        return "scan log " + outbox.file() + " uses " + u.usedBytes() + " of its cap of " + config.maxBytes()
                + " bytes (" + (u.usedBytes() * 100 / config.maxBytes()) + " %): " + u.unsentRows() + " unsent rows, "
                + u.sentRows() + " sent rows kept for inspection";
    }

    /** The highest sequence number made durable (or found in the file at open); 0 for none. */
    long lastSequence() {
        return lastSequence;
    }

    /** Decisions handed over and not yet durable, held here. */
    int held() {
        return held.size();
    }

    long droppedFromMemory() {
        return droppedFromMemory;
    }

    long lateGroups() {
        return lateGroups;
    }

    long maxLatencyNanos() {
        return maxLatencyNanos;
    }

    /** Transactions committed. */
    long commits() {
        return commits;
    }

    boolean isOpen() {
        return outbox != null;
    }

    @Override
    public void close() {
        if (outbox != null) {
            outbox.close();
            outbox = null;
        }
    }
}
