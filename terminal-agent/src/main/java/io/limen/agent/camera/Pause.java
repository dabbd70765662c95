package io.limen.agent.camera;

import io.limen.agent.time.Scheduler;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * A wait on the {@link Scheduler} seam (backoff before a restart, the gap between replayed frames)
 * that {@link #wake} ends early, so closing a source never waits out a 30-second backoff. One thread
 * waits at a time; any thread may wake it.
 */
final class Pause {

    private final Scheduler scheduler;
    private volatile CountDownLatch current;
    private volatile boolean woken;

    Pause(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** Waits {@code delay}, or until {@link #wake}; returns at once for ever after a wake. */
    void await(Duration delay) throws InterruptedException {
        CountDownLatch latch = new CountDownLatch(1);
        current = latch;
        if (woken) {
            return;
        }
        Scheduler.Cancellable timer = scheduler.schedule(latch::countDown, delay);
        try {
            latch.await();
        } finally {
            timer.cancel();
        }
    }

    /** Ends the wait in progress and every later one. */
    void wake() {
        woken = true;
        CountDownLatch latch = current;
        if (latch != null) {
            latch.countDown();
        }
    }
}
