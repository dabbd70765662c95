package io.limen.agent.time;

import java.time.Duration;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * A {@link Scheduler} whose clock moves only when {@link #advance} is called: tests and the scripted
 * demo step time by hand and never sleep. Single-threaded: tasks run on the thread calling
 * {@code advance}, in order of due time (ties in scheduling order), with the clock set to each task's
 * due time while it runs.
 */
public final class ManualScheduler implements Scheduler {

    private final PriorityQueue<Task> queue =
            new PriorityQueue<>(Comparator.comparingLong(Task::due).thenComparingLong(Task::seq));
    private long now;
    private long seq;

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public Cancellable schedule(Runnable task, Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, but was " + delay);
        }
        Task t = new Task(now + delay.toNanos(), seq++, task, new boolean[1]);
        queue.add(t);
        return () -> t.cancelled()[0] = true;
    }

    /** Moves the clock forward by {@code step}, running every task that falls due on the way. */
    public void advance(Duration step) {
        if (step.isNegative()) {
            throw new IllegalArgumentException("step must not be negative, but was " + step);
        }
        long target = now + step.toNanos();
        while (!queue.isEmpty() && queue.peek().due() <= target) {
            Task t = queue.poll();
            if (t.cancelled()[0]) {
                continue;
            }
            now = t.due();
            t.task().run();
        }
        now = target;
    }

    /** Tasks scheduled and neither run nor cancelled. */
    public int pending() {
        return (int) queue.stream().filter(t -> !t.cancelled()[0]).count();
    }

    private record Task(long due, long seq, Runnable task, boolean[] cancelled) {}
}
