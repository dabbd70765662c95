package io.limen.agent.camera;

import java.util.Arrays;

/**
 * One camera frame as the decoder sees it: the luma (Y) plane only, one byte per pixel, row-major.
 *
 * <p>Cameras deliver YUV (I420/NV12); the Y plane is the grey image and is all a QR decoder needs, so
 * no colour conversion happens on the hot path. The array is held, not copied: a frame is handed from
 * the camera to the decoder once, and copying 900 KB per frame at 30 fps would be waste. Whoever makes
 * a frame must not change the array afterwards.
 */
public record Frame(byte[] luma, int width, int height) {

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
        long expected = (long) width * height;
        if (luma.length != expected) {
            throw new IllegalArgumentException(
                    "frame luma must be width*height = " + expected + " bytes, but was " + luma.length);
        }
    }

    /** Equal when the same size and the same pixels; the record default would compare array identity. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Frame that
                && width == that.width
                && height == that.height
                && Arrays.equals(luma, that.luma);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(luma);
    }

    /** Dimensions only: a frame's bytes are never worth printing. */
    @Override
    public String toString() {
        return "Frame[" + width + "x" + height + ", luma=" + luma.length + "byte]";
    }
}
