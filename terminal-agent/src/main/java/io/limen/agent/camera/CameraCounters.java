package io.limen.agent.camera;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What happened to a camera's frames, counted by the reader (frames read, short reads, restarts) and
 * by the exchange to the admit thread (frames dropped). Thread-safe; read as one {@link Counts}
 * snapshot for the minute counter line.
 */
public final class CameraCounters {

    private final AtomicLong framesRead = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong restarts = new AtomicLong();
    private final AtomicLong shortReads = new AtomicLong();

    /**
     * @param framesRead whole frames read from the camera
     * @param dropped    frames never decoded: replaced in the exchange by a newer one before the decoder
     *                   took them, or read while every buffer was in use
     * @param restarts   camera processes started again after an exit, a stall or a failed start
     * @param shortReads frames cut off by the end of the stream (the process exited mid-frame); never decoded
     */
    public record Counts(long framesRead, long dropped, long restarts, long shortReads) {
    }

    void frameRead() {
        framesRead.incrementAndGet();
    }

    void dropped() {
        dropped.incrementAndGet();
    }

    void restarted() {
        restarts.incrementAndGet();
    }

    void shortRead() {
        shortReads.incrementAndGet();
    }

    /** The counts now; each is exact, the four are not read atomically together. */
    public Counts snapshot() {
        return new Counts(framesRead.get(), dropped.get(), restarts.get(), shortReads.get());
    }
}
