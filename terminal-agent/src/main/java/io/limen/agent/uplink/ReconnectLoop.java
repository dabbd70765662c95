package io.limen.agent.uplink;

import io.limen.agent.time.RestartSchedule;
import io.limen.agent.time.Scheduler;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an {@link MqttLink} connected: every failed connect, the very first included, and every lost
 * connection waits an exponential backoff with full jitter ({@link RestartSchedule}; even at the cap, as
 * {@link UplinkPump} builds it) before the next attempt,
 * so a fleet that lost its broker together does not come back in step. The count of failures starts
 * again only once a connection has stayed up for the reset time: a broker that accepts and drops at
 * once still sees the backoff grow.
 *
 * <p>All state is confined to the scheduler's thread: a loss reported on a client thread is handed
 * over as a task. Connect attempts block that thread for at most the connect timeout, so the loop
 * wants a scheduler of its own, not the gate's.
 */
public final class ReconnectLoop implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReconnectLoop.class);

    private final MqttLink link;
    private final Scheduler scheduler;
    private final RestartSchedule backoff;
    private final Duration resetAfter;
    private final LinkStateListener listener;

    private boolean started;
    private volatile boolean stopped;
    /** Written on the scheduler thread, read by {@code isUp()} from any thread: volatile for visibility. */
    private volatile boolean up;
    /** Counts connections, so that a reset or loss meant for an earlier one is ignored. */
    private long connection;
    private Scheduler.Cancellable pending;
    /** The last failure logged at WARN: the same failure again is logged at DEBUG, so a day's outage is one line, not thousands. */
    private String lastReported;

    /**
     * @param backoff    the waits between attempts; owned by this loop from now on
     * @param resetAfter how long a connection must stay up before the backoff starts again
     *                   (the same value {@code backoff} was built with)
     */
    public ReconnectLoop(MqttLink link, Scheduler scheduler, RestartSchedule backoff, Duration resetAfter,
                         LinkStateListener listener) {
        this.link = Objects.requireNonNull(link, "link must not be null");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler must not be null");
        this.backoff = Objects.requireNonNull(backoff, "backoff must not be null");
        this.resetAfter = Objects.requireNonNull(resetAfter, "resetAfter must not be null");
        this.listener = Objects.requireNonNull(listener, "listener must not be null");
    }

    /** Schedules the first connect attempt at once (it runs on the scheduler's thread). */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("the reconnect loop was started already");
        }
        started = true;
        pending = scheduler.schedule(this::attempt, Duration.ZERO);
    }

    private void attempt() {
        if (stopped) {
            return;
        }
        try {
            long id = connection + 1;
            link.connect(reason -> scheduler.schedule(() -> lost(id, reason), Duration.ZERO));
            connection = id;
            up = true;
            backoff.frameArrived(scheduler.nanoTime());
            // The count of failures starts again only if this connection is still up after resetAfter.
            scheduler.schedule(() -> stayedUp(id), resetAfter);
            log.info("uplink connected{}", backoff.failuresInARow() > 0 ? " after " + backoff.failuresInARow() + " failed attempts" : "");
            lastReported = null;
            listener.connected();
        } catch (LinkException e) {
            retry(e.getMessage());
        }
    }

    private void stayedUp(long id) {
        if (!stopped && up && connection == id) {
            backoff.frameArrived(scheduler.nanoTime());
        }
    }

    private void lost(long id, String reason) {
        if (stopped || !up || connection != id) {
            return;
        }
        up = false;
        listener.lost(reason); // logged once, by retry()
        retry(reason);
    }

    private void retry(String reason) {
        if (stopped) {
            return;
        }
        Duration wait = backoff.failed();
        if (reason.equals(lastReported)) {
            log.debug("uplink: {}; attempt {} in {} ms", reason, backoff.failuresInARow() + 1, wait.toMillis());
        } else {
            log.warn("uplink: {}; retrying with backoff up to {} ms (further attempts failing alike are logged at DEBUG)",
                    reason, backoff.ceiling(Math.max(1, backoff.failuresInARow())).toMillis());
            lastReported = reason;
        }
        listener.retrying(backoff.failuresInARow(), wait, reason);
        pending = scheduler.schedule(this::attempt, wait);
    }

    /** Whether a connection is up, as far as the loop knows. */
    public boolean isUp() {
        return up && !stopped;
    }

    /** Failures since a connection last stayed up for the reset time. */
    public int failuresInARow() {
        return backoff.failuresInARow();
    }

    /** Stops retrying and disconnects cleanly (no will). */
    @Override
    public void close() {
        stopped = true;
        Scheduler.Cancellable next = pending;
        if (next != null) {
            next.cancel();
        }
        link.close();
    }
}
