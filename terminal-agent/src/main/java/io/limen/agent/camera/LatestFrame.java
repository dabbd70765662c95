package io.limen.agent.camera;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The one-slot hand-off from the camera reader to the admit thread: latest frame wins. The reader's
 * {@link #offer} never waits: a frame the decoder has not taken yet is replaced by the newer one, its
 * buffer given back to the source, and the drop counted. The decoder's {@link #take} always gets the
 * newest frame. Nothing queues, so a slow decode never makes the next one older.
 *
 * <p>The lock is held only to swap the slot (no I/O, no allocation under it); the admit thread waits on
 * it only when no frame has arrived yet, which is its idle state.
 */
public final class LatestFrame implements AutoCloseable {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final Consumer<Frame> recycle;
    private final CameraCounters counters;
    private Frame slot;
    private boolean ended;

    /**
     * @param recycle  gives a dropped frame's buffer back ({@link FrameSource#release} of the source)
     * @param counters where drops are counted
     */
    public LatestFrame(Consumer<Frame> recycle, CameraCounters counters) {
        this.recycle = Objects.requireNonNull(recycle, "recycle must not be null");
        this.counters = Objects.requireNonNull(counters, "counters must not be null");
    }

    /** Puts {@code frame} in the slot, dropping (and recycling) the unread one there. Never blocks. */
    public void offer(Frame frame) {
        Objects.requireNonNull(frame, "frame must not be null");
        Frame replaced;
        lock.lock();
        try {
            if (ended) {
                replaced = frame;
            } else {
                replaced = slot;
                slot = frame;
                arrived.signal();
            }
        } finally {
            lock.unlock();
        }
        if (replaced != null) {
            counters.dropped();
            recycle.accept(replaced);
        }
    }

    /**
     * The newest frame, waiting up to {@code timeout} for one; empty when none arrived in time or the
     * stream has ended (see {@link #ended}). The caller owns the frame until it recycles it.
     */
    public Optional<Frame> take(Duration timeout) throws InterruptedException {
        long remaining = timeout.toNanos();
        lock.lock();
        try {
            while (slot == null && !ended && remaining > 0) {
                remaining = arrived.awaitNanos(remaining);
            }
            Frame frame = slot;
            slot = null;
            return Optional.ofNullable(frame);
        } finally {
            lock.unlock();
        }
    }

    /** Marks the stream ended (the source ran out or closed): {@link #take} stops waiting. Further offers are dropped. */
    public void end() {
        lock.lock();
        try {
            ended = true;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Whether the stream has ended and the slot is empty: nothing more will come. */
    public boolean ended() {
        lock.lock();
        try {
            return ended && slot == null;
        } finally {
            lock.unlock();
        }
    }

    /** Ends the stream and recycles the frame left in the slot, not counting it as dropped. */
    @Override
    public void close() {
        Frame left;
        lock.lock();
        try {
            ended = true;
            left = slot;
            slot = null;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
        if (left != null) {
            recycle.accept(left);
        }
    }
}
