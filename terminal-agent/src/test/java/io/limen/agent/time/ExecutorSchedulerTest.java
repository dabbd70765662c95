package io.limen.agent.time;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ExecutorSchedulerTest {

    @Test
    void scheduledTask_runsOnADaemonThread() throws InterruptedException {
        try (ExecutorScheduler scheduler = new ExecutorScheduler("gate-test")) {
            CountDownLatch ran = new CountDownLatch(1);
            AtomicBoolean daemon = new AtomicBoolean();
            scheduler.schedule(() -> {
                daemon.set(Thread.currentThread().isDaemon());
                ran.countDown();
            }, Duration.ofMillis(1));

            assertTrue(ran.await(5, TimeUnit.SECONDS), "task must run within 5 s");
            assertTrue(daemon.get(), "scheduler thread must be a daemon");
        }
    }

    @Test
    void cancelledTask_doesNotRunBeforeALaterOne() throws InterruptedException {
        try (ExecutorScheduler scheduler = new ExecutorScheduler("gate-test")) {
            AtomicBoolean cancelledRan = new AtomicBoolean();
            // Far enough ahead that a stall of a loaded CI machine between schedule and cancel cannot
            // let it run first (5 ms was not: it failed once on a busy 2-core machine).
            scheduler.schedule(() -> cancelledRan.set(true), Duration.ofMillis(200)).cancel();
            CountDownLatch later = new CountDownLatch(1);
            scheduler.schedule(later::countDown, Duration.ofMillis(300));

            assertTrue(later.await(5, TimeUnit.SECONDS), "later task must run within 5 s");
            assertFalse(cancelledRan.get());
        }
    }

    @Test
    void closing_stillRunsThePulseEndsAlreadyScheduled_butTakesNoNewOnes() throws InterruptedException {
        CountDownLatch released = new CountDownLatch(1);
        ExecutorScheduler scheduler = new ExecutorScheduler("gate-test");
        scheduler.schedule(released::countDown, Duration.ofMillis(50));

        scheduler.close();

        assertTrue(released.await(5, TimeUnit.SECONDS), "a pending relay release must still run after close");
        var refused = assertThrows(java.util.concurrent.RejectedExecutionException.class,
                () -> scheduler.schedule(() -> { }, Duration.ofMillis(1)));
        assertTrue(refused.getMessage().contains("rejected"), refused.getMessage());
    }
}
