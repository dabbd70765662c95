package io.limen.agent.time;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One simulated time for a whole terminal: the wall clock and the scheduler move together, only when
 * {@link #advance} is called. Tests and the scripted demo step it by hand and never sleep; a grant
 * pulse ends and the wall clock shows the pulse's length gone by, as on a real terminal.
 * Single-threaded, like the {@link ManualScheduler} it drives.
 */
public final class SimulatedTime implements WallClock, Scheduler {

    private final ManualScheduler scheduler = new ManualScheduler();
    private final Instant start;
    private volatile TimeReading.Trust trust = TimeReading.Trust.SYNCHRONISED;

    /** @param start the wall clock's reading at scheduler time zero */
    public SimulatedTime(Instant start) {
        this.start = Objects.requireNonNull(start, "start must not be null");
    }

    @Override
    public TimeReading read() {
        return new TimeReading(start.plusNanos(scheduler.nanoTime()), trust);
    }

    @Override
    public long nanoTime() {
        return scheduler.nanoTime();
    }

    @Override
    public Cancellable schedule(Runnable task, Duration delay) {
        return scheduler.schedule(task, delay);
    }

    /** Moves both clocks forward by {@code step}, running every task that falls due on the way. */
    public void advance(Duration step) {
        scheduler.advance(step);
    }

    /** Marks the wall clock synchronised or not, as NTP gaining or losing sync would. */
    public void setTrust(TimeReading.Trust value) {
        trust = Objects.requireNonNull(value, "trust must not be null");
    }

    /** Tasks scheduled and neither run nor cancelled. */
    public int pending() {
        return scheduler.pending();
    }
}
