package io.limen.agent.time;

import java.time.Duration;

/**
 * The gate's only source of time: a monotonic clock and delayed tasks. {@link ExecutorScheduler} is
 * the real one (a daemon thread); {@link ManualScheduler} is stepped by hand in tests and never sleeps.
 */
public interface Scheduler {

    /** Monotonic time in nanoseconds, comparable only with other values from the same scheduler. */
    long nanoTime();

    /** Runs {@code task} once, {@code delay} from now, unless cancelled first. */
    Cancellable schedule(Runnable task, Duration delay);

    /** A scheduled task that has not run yet. */
    interface Cancellable {
        /** Stops the task from running; does nothing if it already ran or was cancelled. */
        void cancel();
    }
}
