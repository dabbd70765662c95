package io.limen.config;

/**
 * The part of the frame the decoder looks at, in pixels from the frame's top-left corner: where the
 * code is held, so the rest of the scene (a busy hall) costs nothing.
 */
public record RegionOfInterest(int x, int y, int width, int height) {

    public RegionOfInterest {
        Checks.within("camera.regionOfInterest.x", x, 0, 4095);
        Checks.within("camera.regionOfInterest.y", y, 0, 4095);
        Checks.within("camera.regionOfInterest.width", width, 16, 4096);
        Checks.within("camera.regionOfInterest.height", height, 16, 4096);
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
