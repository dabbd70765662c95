package io.limen.agent.simulation;

import com.google.zxing.common.BitMatrix;
import java.util.random.RandomGenerator;

/**
 * A phone in a synthetic scene, drawn by inverse mapping: each frame pixel near the phone is turned back
 * into the phone's own coordinates ({@code u} right, {@code v} down, in pixels from the code's centre)
 * and sampled 2×2 times, which antialiases the module edges the way a sensor's pixel area does.
 *
 * <pre>
 *   +--------------+   bezel (dark)
 *   | +----------+ |   screen (light), taller than wide
 *   | | +------+ | |
 *   | | | code | | |   code side includes the quiet zone: 220–320 px
 *   | | +------+ | |
 *   | |  ======  | |   a line of text under the code
 *   | +----------+ |
 *   +--------------+
 * </pre>
 */
record Phone(BitMatrix modules, double centerX, double centerY, double angle, double side,
             float screen, float ink, float bezel, float glare, double blurSigma,
             double blotU, double blotV, double blotRadius, float blot) {

    /** Outside the phone: the pixel keeps the room behind it. */
    private static final float NONE = Float.NaN;

    static Phone random(RandomGenerator random, BitMatrix modules, int frameWidth, int frameHeight) {
        double side = random.nextDouble(220, 320);
        double angle = Math.toRadians(random.nextDouble(-5, 5));
        // Keep the turned code square (half-diagonal ≈ 0.71 side) inside the frame; the phone may not be.
        double reach = side * 0.72;
        float screen = (float) random.nextDouble(185, 235);
        float ink = (float) random.nextDouble(20, 50);
        return new Phone(modules,
                random.nextDouble(reach, frameWidth - reach),
                random.nextDouble(reach, frameHeight - reach),
                angle, side, screen, ink,
                (float) random.nextDouble(12, 30),
                (float) random.nextDouble(-20, 20),
                // Lens blur: at 3.4 px per module ZXing starts to misjudge the module size past sigma 0.7.
                random.nextDouble(0.4, 0.7),
                // The blot sits over the top-left finder pattern and reaches well into the data.
                side * random.nextDouble(-0.22, -0.15),
                side * random.nextDouble(-0.22, -0.15),
                side * random.nextDouble(0.38, 0.42),
                ink + (screen - ink) * (float) random.nextDouble(0.4, 0.6));
    }

    void paint(Canvas canvas, boolean damaged) {
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        canvas.supersample(bounds(canvas), (x, y) -> {
            double dx = x - centerX;
            double dy = y - centerY;
            return sample(cos * dx + sin * dy, -sin * dx + cos * dy, damaged);
        });
    }

    /** The luma at (u, v) in the phone's coordinates, or {@link #NONE} off the phone. */
    private float sample(double u, double v, boolean damaged) {
        double half = side / 2;
        double du = u - blotU;
        double dv = v - blotV;
        if (damaged && du * du + dv * dv < blotRadius * blotRadius) {
            return blot;
        }
        // Screen glare: one side of the screen a little brighter, the ink lifted by half as much.
        float light = screen + glare * (float) (u / side);
        float dark = ink + glare * 0.5f * (float) (u / side);
        if (Math.abs(u) < half && Math.abs(v) < half) {
            double module = side / modules.getWidth();
            int column = Math.min((int) ((u + half) / module), modules.getWidth() - 1);
            int row = Math.min((int) ((v + half) / module), modules.getHeight() - 1);
            return modules.get(column, row) ? dark : light;
        }
        if (Math.abs(u) < half + side * 0.06 && v > -half - side * 0.35 && v < half + side * 0.45) {
            boolean textLine = Math.abs(u) < side * 0.3 && v > half + side * 0.12 && v < half + side * 0.17;
            return textLine ? dark : light;
        }
        if (Math.abs(u) < half + side * 0.11 && v > -half - side * 0.40 && v < half + side * 0.50) {
            return bezel;
        }
        return NONE;
    }

    /** The phone's bounding box in the frame as {x0, y0, x1, y1}, clipped to the canvas. */
    int[] bounds(Canvas canvas) {
        double halfWidth = side * 0.61;
        double top = side * 0.90;
        double bottom = side * 1.00;
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (double u : new double[] {-halfWidth, halfWidth}) {
            for (double v : new double[] {-top, bottom}) {
                // Phone coordinates back to the frame: rotate by +angle.
                double x = centerX + cos * u - sin * v;
                double y = centerY + sin * u + cos * v;
                minX = Math.min(minX, x);
                maxX = Math.max(maxX, x);
                minY = Math.min(minY, y);
                maxY = Math.max(maxY, y);
            }
        }
        return new int[] {
            Math.max(0, (int) Math.floor(minX)), Math.max(0, (int) Math.floor(minY)),
            Math.min(canvas.width, (int) Math.ceil(maxX) + 1), Math.min(canvas.height, (int) Math.ceil(maxY) + 1)};
    }
}
