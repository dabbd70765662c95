package io.limen.hardware;

import io.limen.agent.time.Scheduler;
import java.time.Duration;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * A hand-stepped clock that other threads may schedule on: on the jig, gpiod's event threads schedule
 * input debounces while the test thread advances time. Tasks run on the advancing thread without the
 * queue's lock held (a task takes the gate's lock, and an input edge holding the gate's lock schedules
 * here: holding both in opposite orders would deadlock).
 */
final class SharedManualScheduler implements Scheduler {

    private record Task(long due, long seq, Runnable task, boolean[] cancelled) {}

    private final PriorityQueue<Task> queue =
            new PriorityQueue<>(Comparator.comparingLong(Task::due).thenComparingLong(Task::seq));
    private volatile long now;
    private long seq;

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public synchronized Cancellable schedule(Runnable task, Duration delay) {
        Task t = new Task(now + Math.max(0, delay.toNanos()), seq++, task, new boolean[1]);
        queue.add(t);
        return () -> {
            synchronized (SharedManualScheduler.this) {
                t.cancelled()[0] = true;
            }
        };
    }

    /** Moves the clock forward by {@code step}, running every task that falls due on the way, in order. */
    void advance(Duration step) {
        long target = now + step.toNanos();
        while (true) {
            Task next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.due() > target) {
                    break;
                }
                queue.poll();
                if (next.cancelled()[0]) {
                    continue;
                }
                now = next.due();
            }
            next.task().run();
        }
        now = target;
    }
}
