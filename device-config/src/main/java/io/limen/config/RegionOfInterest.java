package io.limen.config;

/**
 * The part of the frame the decoder looks at, in pixels from the frame's top-left corner: where the
 * code is held, so the rest of the scene (a busy hall) costs nothing.
 */
public record RegionOfInterest(int x, int y, int width, int height) {

    /** {@link #x} and {@link #y} in pixels. */
    public static final Range CORNER = new Range(0, 4095);
    /** {@link #width} and {@link #height} in pixels. */
    public static final Range SIDE = new Range(16, 4096);

    public RegionOfInterest {
        Checks.within("camera.regionOfInterest.x", x, CORNER);
        Checks.within("camera.regionOfInterest.y", y, CORNER);
        Checks.within("camera.regionOfInterest.width", width, SIDE);
        Checks.within("camera.regionOfInterest.height", height, SIDE);
    }

    /** Whether the region lies wholly inside a frame of this size. */
    public boolean fitsIn(int frameWidth, int frameHeight) {
        return x + width <= frameWidth && y + height <= frameHeight;
    }

    @Override
    public String toString() {
        return width + "x" + height + "+" + x + "+" + y;
    }
}
