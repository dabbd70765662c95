package io.limen.agent.simulation;

import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.PerspectiveTransform;

/**
 * A QR code on a surface in front of the camera (paper, a screen), drawn by inverse mapping: each frame
 * pixel inside the code's outline is taken back through the camera's perspective into module
 * coordinates and sampled 2×2 times, which antialiases edges the way a sensor pixel's area does.
 *
 * <p>{@code corners} are the frame positions (x, y pairs, in pixels) of the symbol's outline, quiet zone
 * included, in the order top-left, top-right, bottom-right, bottom-left of the symbol: a square gives
 * scale and rotation, any convex quadrilateral a perspective tilt.
 *
 * @param light     luma of a light module, 0–255 (above 255 over-exposes: clipped when quantised)
 * @param dark      luma of a dark module; above {@code light} for an inverted (light-on-dark) code
 * @param bend      curvature of paper around a vertical axis, in radians of arc either side of the
 *                  centre (0 = flat): modules near the sides are foreshortened and shaded
 * @param creaseAt  where a horizontal crease crosses the symbol, as a fraction of its height (NaN = none)
 * @param creaseShade luma factor of the part below the crease (a fold tilts it away from the light)
 */
record PrintedCode(BitMatrix modules, float[] corners, float light, float dark, double bend,
                   double creaseAt, float creaseShade) {

    PrintedCode {
        if (corners.length != 8) {
            throw new IllegalArgumentException("a code's outline must have 4 corners (8 numbers), but had " + corners.length);
        }
    }

    /** A flat, evenly lit code. */
    static PrintedCode flat(BitMatrix modules, float[] corners, float light, float dark) {
        return new PrintedCode(modules, corners, light, dark, 0, Double.NaN, 1f);
    }

    /** The outline of an upright square of {@code side} px centred at (cx, cy), turned by {@code angle} radians. */
    static float[] square(double cx, double cy, double side, double angle) {
        float[] corners = new float[8];
        double[][] unit = {{-0.5, -0.5}, {0.5, -0.5}, {0.5, 0.5}, {-0.5, 0.5}};
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        for (int i = 0; i < 4; i++) {
            double u = unit[i][0] * side;
            double v = unit[i][1] * side;
            corners[2 * i] = (float) (cx + cos * u - sin * v);
            corners[2 * i + 1] = (float) (cy + sin * u + cos * v);
        }
        return corners;
    }

    /**
     * The outline of a square of {@code side} px, centred at (cx, cy), turned by {@code roll} in its plane,
     * then tilted {@code yaw} about the vertical and {@code pitch} about the horizontal axis (radians), as
     * a pinhole camera of focal length {@code focal} px sees it.
     */
    static float[] tilted(double cx, double cy, double side, double roll, double yaw, double pitch, double focal) {
        float[] flat = square(0, 0, side, roll);
        float[] corners = new float[8];
        for (int i = 0; i < 4; i++) {
            double x = flat[2 * i];
            double y = flat[2 * i + 1];
            // Yaw: rotate about the y axis; then pitch: about the x axis. The surface sits `focal` px away.
            double x1 = x * Math.cos(yaw);
            double z1 = x * Math.sin(yaw);
            double y2 = y * Math.cos(pitch) - z1 * Math.sin(pitch);
            double z2 = y * Math.sin(pitch) + z1 * Math.cos(pitch);
            double scale = focal / (focal + z2);
            corners[2 * i] = (float) (cx + x1 * scale);
            corners[2 * i + 1] = (float) (cy + y2 * scale);
        }
        return corners;
    }

    void paint(Canvas canvas) {
        int n = modules.getWidth();
        PerspectiveTransform toModules = PerspectiveTransform.quadrilateralToQuadrilateral(
                corners[0], corners[1], corners[2], corners[3], corners[4], corners[5], corners[6], corners[7],
                0, 0, n, 0, n, n, 0, n);
        float[] point = new float[2];
        canvas.supersample(bounds(canvas), (x, y) -> {
            point[0] = (float) x;
            point[1] = (float) y;
            toModules.transformPoints(point);
            return sample(point[0], point[1], n);
        });
    }

    /** The luma at (u, v) in modules of the flat outline, or NaN outside the symbol. */
    private float sample(float u, float v, int n) {
        if (!(u >= 0 && v >= 0 && u < n && v < n)) {
            return Float.NaN;
        }
        float shade = 1f;
        double column = u;
        if (bend > 0) {
            // The outline is the cylinder's projection: a point seen at s (-1..1) lies at arc asin(s·sin b).
            double s = 2.0 * u / n - 1;
            double arc = Math.asin(s * Math.sin(bend));
            column = (arc / bend + 1) / 2 * n;
            shade = (float) (0.75 + 0.25 * Math.cos(arc));
        }
        double row = v;
        if (!Double.isNaN(creaseAt)) {
            double fold = creaseAt * n;
            if (Math.abs(v - fold) < 0.15) {
                return Math.min(light, dark) * 0.9f + Math.max(light, dark) * 0.1f;
            }
            if (v > fold) {
                shade *= creaseShade;
            }
        }
        int c = Math.min((int) column, n - 1);
        int r = Math.min((int) row, n - 1);
        return shade * (modules.get(c, r) ? dark : light);
    }

    /** The outline's bounding box in the frame as {x0, y0, x1, y1}, clipped to the canvas. */
    int[] bounds(Canvas canvas) {
        float minX = Float.MAX_VALUE, minY = Float.MAX_VALUE, maxX = -Float.MAX_VALUE, maxY = -Float.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            minX = Math.min(minX, corners[2 * i]);
            maxX = Math.max(maxX, corners[2 * i]);
            minY = Math.min(minY, corners[2 * i + 1]);
            maxY = Math.max(maxY, corners[2 * i + 1]);
        }
        return new int[] {
            Math.max(0, (int) Math.floor(minX)), Math.max(0, (int) Math.floor(minY)),
            Math.min(canvas.width, (int) Math.ceil(maxX) + 1), Math.min(canvas.height, (int) Math.ceil(maxY) + 1)};
    }
}
