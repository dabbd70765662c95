package io.limen.agent.time;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real {@link Scheduler}: one daemon thread, so a pending relay release never keeps the JVM alive
 * on its own, and System.nanoTime as the clock.
 */
public final class ExecutorScheduler implements Scheduler, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ExecutorScheduler.class);

    private final ScheduledThreadPoolExecutor executor;

    public ExecutorScheduler(String threadName) {
        executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(true);
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Cancellable schedule(Runnable task, Duration delay) {
        ScheduledFuture<?> future = executor.schedule(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                // The executor would swallow it silently; a failed relay release must be seen.
                log.error("Scheduled gate task failed", e);
            }
        }, delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    /**
     * Takes no new tasks; those pending still run when due, because they are pulse ends: dropping one
     * would leave a relay energised. The thread ends after the last of them.
     */
    @Override
    public void close() {
        executor.shutdown();
    }
}
