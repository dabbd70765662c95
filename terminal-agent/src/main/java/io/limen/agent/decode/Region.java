package io.limen.agent.decode;

/** A rectangle of a frame, in pixels: the part a decoder looks at. */
public record Region(int left, int top, int width, int height) {

    public Region {
        if (left < 0 || top < 0) {
            throw new IllegalArgumentException(
                    "region left and top must not be negative, but were " + left + ", " + top);
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException(
                    "region width and height must be positive, but were " + width + "x" + height);
        }
    }

    /** Throws unless the region lies inside a frame of this size. */
    public void requireInside(int frameWidth, int frameHeight) {
        if ((long) left + width > frameWidth || (long) top + height > frameHeight) {
            throw new IllegalArgumentException("region must lie inside the " + frameWidth + "x" + frameHeight
                    + " frame, but was " + width + "x" + height + " at " + left + "," + top);
        }
    }
}
