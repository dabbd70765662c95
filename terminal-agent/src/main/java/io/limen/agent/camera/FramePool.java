package io.limen.agent.camera;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * A fixed set of frame buffers that a camera source cycles through, so a 30 fps stream allocates no
 * 900 KB array per frame. With the latest-frame-wins hand-off three buffers are enough: the reader
 * fills one, one waits in the slot, the decoder reads one.
 *
 * <p>Thread-safe: the reader takes buffers, the admit thread gives them back. Neither ever waits: a
 * reader that finds no buffer free drops the frame (and counts it) rather than stall the camera pipe.
 */
public final class FramePool {

    private final ArrayBlockingQueue<byte[]> free;
    private final int width;
    private final int height;
    private final int stride;

    /**
     * @param buffers how many buffers of {@code stride * height} bytes to allocate, up front
     */
    public FramePool(int width, int height, int stride, int buffers) {
        if (buffers < 1) {
            throw new IllegalArgumentException("frame pool buffers must be at least 1, but was " + buffers);
        }
        // The frame's own checks, once, before any buffer exists.
        new Frame(new byte[stride * height], width, height, stride, 0);
        this.width = width;
        this.height = height;
        this.stride = stride;
        this.free = new ArrayBlockingQueue<>(buffers);
        for (int i = 0; i < buffers; i++) {
            free.add(new byte[stride * height]);
        }
    }

    /** A free buffer to fill, or null when every buffer is in use (drop the frame). Never blocks. */
    public byte[] take() {
        return free.poll();
    }

    /** The filled buffer as a frame that arrived at {@code arrivalNanos}. */
    public Frame frame(byte[] buffer, long arrivalNanos) {
        return new Frame(buffer, width, height, stride, arrivalNanos);
    }

    /** The filled buffer as frame number {@code sequence} of a stream, arrived at {@code arrivalNanos}. */
    public Frame frame(byte[] buffer, long arrivalNanos, long sequence) {
        return new Frame(buffer, width, height, stride, arrivalNanos, sequence);
    }

    /** Bytes in one buffer: {@code stride * height}. */
    public int bufferBytes() {
        return stride * height;
    }

    /**
     * Gives a frame's buffer back; once per frame taken. A buffer that is not this pool's size is ignored, so a frame made
     * elsewhere cannot grow the pool or put a wrong-sized buffer in it.
     */
    public void release(Frame frame) {
        byte[] buffer = frame.luma();
        if (buffer.length == stride * height && frame.width() == width) {
            free.offer(buffer);
        }
    }

    /** Buffers free right now. */
    public int available() {
        return free.size();
    }
}
