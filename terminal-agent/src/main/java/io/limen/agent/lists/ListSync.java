package io.limen.agent.lists;

import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The list-sync thread: one daemon thread, {@code list-sync}, that does a terminal's list work — looking
 * for imports, applying what arrives over MQTT, loading a new filter (0.1 s at 10 M keys), swapping the
 * lists in — so that none of it delays the scheduler's gate timers or the MQTT client's thread.
 *
 * <p>Work arrives two ways: {@link #refresh} from a timer (coalesced: at most one waits, and one asked
 * for while another runs runs again after it, so the last look always sees the newest time), and
 * {@link #message} from the MQTT client's thread, which waits while more than {@link #MAX_QUEUED_BYTES}
 * of messages are queued: back-pressure to the broker instead of memory (a 10 M-key snapshot is 170 MB).
 */
public final class ListSync implements AutoCloseable {

    /** How many bytes of MQTT messages may wait for the thread: eight of the largest documents. */
    public static final int MAX_QUEUED_BYTES = 32 * 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(ListSync.class);
    private static final Runnable STOP = () -> { };

    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final Semaphore room = new Semaphore(MAX_QUEUED_BYTES);
    private final AtomicBoolean refreshWaiting = new AtomicBoolean();
    private final Runnable refresh;
    private final Thread thread;
    private volatile boolean closed;

    private ListSync(Runnable refresh) {
        this.refresh = refresh;
        this.thread = Thread.ofPlatform().daemon().name("list-sync").unstarted(this::run);
    }

    /** Starts the thread; {@code refresh} is what {@link #refresh} runs on it. */
    public static ListSync start(Runnable refresh) {
        ListSync sync = new ListSync(Objects.requireNonNull(refresh, "refresh must not be null"));
        sync.thread.start();
        return sync;
    }

    /** Asks for a refresh on the thread; never blocks. One already waiting covers this one too. */
    public void refresh() {
        if (!closed && refreshWaiting.compareAndSet(false, true)) {
            queue.add(() -> {
                refreshWaiting.set(false);
                refresh.run();
            });
        }
    }

    /**
     * Hands {@code work} (the handling of one MQTT message of {@code bytes} bytes) to the thread, waiting
     * while the queued messages hold more than {@link #MAX_QUEUED_BYTES}. Called on the MQTT client's thread.
     */
    public void message(int bytes, Runnable work) {
        int permits = Math.min(Math.max(bytes, 0), MAX_QUEUED_BYTES);
        try {
            room.acquire(permits);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (closed) {
            room.release(permits);
            return;
        }
        queue.add(() -> {
            try {
                work.run();
            } finally {
                room.release(permits);
            }
        });
    }

    /**
     * Waits until the thread has done everything handed to it before this call (a barrier, for tests and
     * tools stepping time), at most {@code timeoutMs}.
     *
     * @return false if the time passed first
     */
    public boolean awaitIdle(long timeoutMs) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        queue.add(done::countDown);
        return done.await(timeoutMs, TimeUnit.MILLISECONDS);
    }

    private void run() {
        while (true) {
            Runnable task;
            try {
                task = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (task == STOP) {
                return;
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("list sync: a task failed; the lists held stay: {}", e.toString(), e);
            }
        }
    }

    /** Stops the thread after the task it runs now (at most a few seconds: one snapshot apply); waiting tasks are dropped. */
    @Override
    public void close() {
        closed = true;
        queue.clear();
        queue.add(STOP);
        room.release(MAX_QUEUED_BYTES);
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
