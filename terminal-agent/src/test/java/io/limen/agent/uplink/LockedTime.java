package io.limen.agent.uplink;

import io.limen.agent.time.Scheduler;
import io.limen.agent.time.SimulatedTime;
import java.time.Duration;

/**
 * Simulated time that a client thread may schedule on while the test thread steps it: the link hands
 * a lost connection to the loop from Paho's thread. Stepping still never sleeps.
 */
final class LockedTime implements Scheduler {

    private final SimulatedTime time = new SimulatedTime(java.time.Instant.parse("2026-11-30T12:00:00Z"));

    @Override
    public synchronized long nanoTime() {
        return time.nanoTime();
    }

    @Override
    public synchronized Cancellable schedule(Runnable task, Duration delay) {
        Cancellable inner = time.schedule(task, delay);
        return () -> {
            synchronized (LockedTime.this) {
                inner.cancel();
            }
        };
    }

    synchronized void advance(Duration step) {
        time.advance(step);
    }

    /** Runs what is due now, such as a loss handed over by a client thread. */
    void runDue() {
        advance(Duration.ZERO);
    }
}
