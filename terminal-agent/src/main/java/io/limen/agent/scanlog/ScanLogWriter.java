package io.limen.agent.scanlog;

import io.limen.agent.gate.GateEvent;
import io.limen.agent.policy.Decision;
import io.limen.agent.revocation.SqliteConnections;
import io.limen.agent.time.WallClock;
import io.limen.config.ScanLogConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scan log of a running terminal: the admit thread {@linkplain #decided offers} each decision to a
 * bounded hand-off and returns; one writer thread ({@code scanlog-writer}) takes everything waiting and
 * appends it as one group, one transaction, one fsync ({@link OutboxWriter}).
 *
 * <p>Group commit: the writer takes a decision as soon as it arrives and commits at once; decisions
 * that arrive while a commit is in progress form the next group. So a decision waits at most for the
 * commit in progress and its own, a few milliseconds on a healthy disk and well inside the 50 ms
 * window; a group over the window is counted and alarmed ({@link ScanLogAlarm#COMMIT_LATE}).
 *
 * <p>A full hand-off never blocks the admit thread: the decision is dropped and counted, and the writer
 * raises {@link ScanLogAlarm#HANDOFF_FULL}. That decision is lost (the gate acted on it; no row records
 * it). The hand-off holds {@code scanlog.queueCapacity} (4096 by default: over two minutes of a camera's
 * 30 decisions a second, each a new code), and the writer empties it into memory whenever it runs, also
 * while the file cannot be written, so it fills only if the writer thread is stuck in one SQLite call
 * for that long.
 */
public final class ScanLogWriter implements ScanLog {

    private static final Logger log = LoggerFactory.getLogger(ScanLogWriter.class);
    /** How long the writer waits for a decision before it retries a failed file or checks retention anyway. */
    private static final long IDLE_MILLIS = 100;

    private final ArrayBlockingQueue<Pending> handOff;
    private final OutboxWriter writer;
    private final Optional<String> zone;
    private final WallClock clock;
    private final LongSupplier nanos;
    private final Alarms alarms;
    private final LongAdder droppedAtHandOff = new LongAdder();
    private final Thread thread;
    private volatile boolean closing;
    private volatile ScanLogStatus status;
    private long droppedReported;

    private ScanLogWriter(ScanLogConfig config, SqliteConnections connections, Optional<String> zone, WallClock clock,
                          Alarms alarms, Consumer<Outbox.Sequences> onDurable) {
        this.handOff = new ArrayBlockingQueue<>(config.queueCapacity());
        this.zone = zone;
        this.clock = clock;
        this.nanos = System::nanoTime;
        this.alarms = alarms;
        this.writer = new OutboxWriter(connections, config, clock, nanos, alarms, onDurable);
        this.status = new ScanLogStatus(0, 0, 0, 0, 0, 0, alarms.active());
        this.thread = new Thread(this::run, "scanlog-writer");
        thread.setDaemon(true);
    }

    /**
     * Starts the writer thread on {@code connections}' file. The file is opened on that thread: a file
     * that cannot be opened is reported there once ({@link ScanLogAlarm#UNAVAILABLE}) and the terminal
     * starts and decides all the same.
     *
     * @param zone      the terminal's zone, recorded with each decision
     * @param clock     read once per decision, on the admit thread, for its {@code decidedAt}
     * @param onDurable told of each group once durable, on the writer thread; must not block
     */
    public static ScanLogWriter start(ScanLogConfig config, SqliteConnections connections, Optional<String> zone,
                                      WallClock clock, Alarms alarms, Consumer<Outbox.Sequences> onDurable) {
        Objects.requireNonNull(config, "config must not be null");
        ScanLogWriter log = new ScanLogWriter(config, Objects.requireNonNull(connections, "connections must not be null"),
                Objects.requireNonNull(zone, "zone must not be null"), Objects.requireNonNull(clock, "clock must not be null"),
                Objects.requireNonNull(alarms, "alarms must not be null"), Objects.requireNonNull(onDurable, "onDurable must not be null"));
        log.thread.start();
        return log;
    }

    @Override
    public void decided(Decision decision, long decodeNanos, long verifyNanos, long decideNanos, long frameToRelayNanos) {
        Pending pending = new Pending(ScanEntry.of(decision, clock.read().instant(), zone, decodeNanos, verifyNanos,
                decideNanos, frameToRelayNanos), nanos.getAsLong());
        if (!handOff.offer(pending)) {
            droppedAtHandOff.increment(); // the writer raises the alarm: the admit thread only counts
        }
    }

    @Override
    public void gateEvent(GateEvent event) {
        Pending pending = new Pending(ScanEntry.of(event, clock.read().instant(), zone), nanos.getAsLong());
        if (!handOff.offer(pending)) {
            droppedAtHandOff.increment();
        }
    }

    private void run() {
        List<Pending> group = new ArrayList<>();
        writer.write(group); // opens the file now, not at the first decision
        while (!closing || !handOff.isEmpty()) {
            group.clear();
            try {
                Pending first = handOff.poll(IDLE_MILLIS, TimeUnit.MILLISECONDS);
                if (first != null) {
                    group.add(first);
                    handOff.drainTo(group, OutboxWriter.MAX_GROUP - 1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            try {
                writer.write(group);
            } catch (RuntimeException e) {
                // A bug, not the disk (OutboxWriter turns SQLite's failures into alarms): say it, keep the thread.
                log.error("scan log writer failed on a group of {}; its decisions are held and retried", group.size(), e);
            }
            alarmOnDrops();
            status = new ScanLogStatus(handOff.size(), writer.held(), writer.lastSequence(), droppedAtHandOff.sum(),
                    writer.droppedFromMemory(), writer.lateGroups(), alarms.active());
        }
    }

    private void alarmOnDrops() {
        long dropped = droppedAtHandOff.sum();
        if (dropped > droppedReported) {
            droppedReported = dropped;
            alarms.raise(ScanLogAlarm.HANDOFF_FULL, "the scan log's hand-off was full: " + dropped + " decisions were"
                    + " dropped before reaching the writer (the gate acted on them; no row records them)");
        }
    }

    /** The log as of the writer's last group. */
    public ScanLogStatus status() {
        return status;
    }

    /**
     * Stops taking decisions' time: the writer appends everything handed over so far (if the file can be
     * written), then ends; waits up to {@code timeout} for it.
     */
    public void close(Duration timeout) {
        closing = true;
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.error("scan log writer did not finish within {} ms; {} decisions queued and {} held are lost",
                    timeout.toMillis(), handOff.size(), writer.held());
            return;
        }
        if (writer.held() > 0) {
            log.error("scan log closed with {} decisions it could not write (the file is unavailable); they are lost",
                    writer.held());
        }
        writer.close();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
