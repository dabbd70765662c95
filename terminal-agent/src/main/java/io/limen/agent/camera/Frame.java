package io.limen.agent.camera;

import java.util.Arrays;

/**
 * One camera frame as the decoder sees it: the luma (Y) plane only, one byte per pixel, row-major,
 * {@code stride} bytes from one row's start to the next (cameras pad rows to a multiple of 32 or 64).
 *
 * <p>Cameras deliver YUV (I420/NV12); the Y plane is the grey image and is all a QR decoder needs, so
 * no colour conversion happens on the hot path. The array is held, not copied: copying 900 KB per
 * frame at 30 fps would be waste. Whoever makes a frame must not change the array while the frame is
 * in use; a source that reuses its buffers ({@link FramePool}) gets each back only when the decoder is
 * done with it.
 *
 * @param arrivalNanos {@link System#nanoTime()} when the frame arrived from the camera: "frame arrival
 *                     → relay command" is measured from here, so time spent waiting for the decoder counts
 * @param sequence     the frame's number in its source's stream, from 1, counting on across camera
 *                     restarts (a gap is frames dropped); 0 for a frame not from a stream (an image file)
 */
public record Frame(byte[] luma, int width, int height, int stride, long arrivalNanos, long sequence) {

    public Frame {
        if (luma == null) {
            throw new NullPointerException("frame luma must not be null");
        }
        if (width <= 0) {
            throw new IllegalArgumentException("frame width must be positive, but was " + width);
        }
        if (height <= 0) {
            throw new IllegalArgumentException("frame height must be positive, but was " + height);
        }
        if (stride < width) {
            throw new IllegalArgumentException("frame stride must be at least the width " + width + ", but was " + stride);
        }
        if (sequence < 0) {
            throw new IllegalArgumentException("frame sequence must not be negative, but was " + sequence);
        }
        long expected = (long) stride * height;
        if (luma.length != expected) {
            throw new IllegalArgumentException(
                    "frame luma must be stride*height = " + expected + " bytes, but was " + luma.length);
        }
    }

    /** A frame not from a stream (sequence 0). */
    public Frame(byte[] luma, int width, int height, int stride, long arrivalNanos) {
        this(luma, width, height, stride, arrivalNanos, 0);
    }

    /** Rows without padding, arriving now. */
    public Frame(byte[] luma, int width, int height) {
        this(luma, width, height, width, System.nanoTime());
    }

    /** The same pixels (the same array, not a copy), arrived at {@code nanos}: a replayed frame's arrival. */
    public Frame arrivedAt(long nanos) {
        return new Frame(luma, width, height, stride, nanos, sequence);
    }

    /** The same pixels (the same array), arrived at {@code nanos} as frame number {@code number} of a stream. */
    public Frame arrivedAt(long nanos, long number) {
        return new Frame(luma, width, height, stride, nanos, number);
    }

    /** Offset of row {@code y} in {@link #luma}. */
    public int rowStart(int y) {
        return y * stride;
    }

    /**
     * Equal when the same size and the same pixels; row padding, arrival time and sequence do not count, and the
     * record default would compare array identity.
     */
    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Frame that) || width != that.width || height != that.height) {
            return false;
        }
        for (int y = 0; y < height; y++) {
            if (!Arrays.equals(luma, rowStart(y), rowStart(y) + width, that.luma, that.rowStart(y), that.rowStart(y) + width)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = 31 * width + height;
        for (int y = 0; y < height; y++) {
            for (int x = 0, start = rowStart(y); x < width; x++) {
                hash = 31 * hash + luma[start + x];
            }
        }
        return hash;
    }

    /** Dimensions only: a frame's bytes are never worth printing. */
    @Override
    public String toString() {
        return "Frame[" + width + "x" + height + (stride != width ? ", stride=" + stride : "")
                + (sequence != 0 ? ", #" + sequence : "") + ", luma=" + luma.length + "byte]";
    }
}
