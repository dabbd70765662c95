package io.limen.agent.run;

import io.limen.agent.camera.Frame;

/**
 * The one-slot hand-off from the camera reader to the admit thread: the newest frame wins. The reader
 * never waits: a frame it puts replaces one the admit thread has not taken yet, and the replaced frame
 * comes back to the reader to release and count as dropped. Frames never queue, so the admit thread
 * always decodes the newest picture and a slow frame cannot build a backlog behind it.
 */
final class FrameSlot {

    private final Object lock = new Object();
    private Frame waiting;
    /** The source ended: what waits is still handed out, then take returns null. */
    private boolean finished;
    /** Stopping: take returns null at once; what waits is left for {@link #drain}. */
    private boolean closed;

    /** Puts the newest frame; returns the one it replaced (the caller releases it), or null. */
    Frame put(Frame frame) {
        synchronized (lock) {
            if (finished || closed) {
                return frame;
            }
            Frame replaced = waiting;
            waiting = frame;
            lock.notifyAll();
            return replaced;
        }
    }

    /** The newest frame, waiting for one; null once the slot is finished and empty, or closed. */
    Frame take() throws InterruptedException {
        synchronized (lock) {
            while (waiting == null && !finished && !closed) {
                lock.wait();
            }
            if (closed) {
                return null;
            }
            Frame frame = waiting;
            waiting = null;
            return frame;
        }
    }

    /** The source has ended: the admit thread takes what waits, then stops. */
    void finish() {
        synchronized (lock) {
            finished = true;
            lock.notifyAll();
        }
    }

    /** Stop now: the admit thread ends after the frame it holds. */
    void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
    }

    /** The frame no one will take (after {@link #close}), for the caller to release; or null. */
    Frame drain() {
        synchronized (lock) {
            Frame frame = waiting;
            waiting = null;
            return frame;
        }
    }
}
