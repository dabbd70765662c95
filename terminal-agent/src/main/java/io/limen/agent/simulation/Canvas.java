package io.limen.agent.simulation;

import io.limen.agent.camera.Frame;

import java.util.random.RandomGenerator;

/**
 * A grey image in floating point while a synthetic scene is painted, so blur and noise add up without
 * rounding at each step; it is quantised to bytes once, at the end.
 */
final class Canvas {

    final int width;
    final int height;
    final float[] luma;

    Canvas(int width, int height) {
        this.width = width;
        this.height = height;
        this.luma = new float[width * height];
    }

    /** A surface laid over the room: its luma at a frame point, or NaN where the point is off it. */
    @FunctionalInterface
    interface Surface {
        float luma(double x, double y);
    }

    /**
     * Paints {@code surface} over the box {x0, y0, x1, y1}, sampling each pixel 2×2 times, which
     * antialiases edges the way a sensor's pixel area does; a pixel partly off the surface keeps that
     * share of the room behind it.
     */
    void supersample(int[] box, Surface surface) {
        for (int y = box[1]; y < box[3]; y++) {
            for (int x = box[0]; x < box[2]; x++) {
                float sum = 0;
                int inside = 0;
                for (int s = 0; s < 4; s++) {
                    float value = surface.luma(x + 0.25 + 0.5 * (s & 1), y + 0.25 + 0.5 * (s >> 1));
                    if (!Float.isNaN(value)) {
                        sum += value;
                        inside++;
                    }
                }
                if (inside > 0) {
                    int i = y * width + x;
                    luma[i] = (sum + (4 - inside) * luma[i]) / 4;
                }
            }
        }
    }

    /** Uneven room lighting: a linear ramp, brighter or darker towards one side and the top or bottom. */
    void fillGradient(float base, float perPixelX, float perPixelY) {
        for (int y = 0; y < height; y++) {
            int row = y * width;
            float start = base + perPixelY * y;
            for (int x = 0; x < width; x++) {
                luma[row + x] = start + perPixelX * x;
            }
        }
    }

    /**
     * Separable Gaussian blur of the rectangle [x0, x1) × [y0, y1) (clipped to the canvas): a camera's
     * lens and focus soften edges, and a decoder tuned only on razor-sharp codes proves nothing.
     */
    void blur(int x0, int y0, int x1, int y1, double sigma) {
        x0 = Math.max(0, x0);
        y0 = Math.max(0, y0);
        x1 = Math.min(width, x1);
        y1 = Math.min(height, y1);
        if (x0 >= x1 || y0 >= y1 || sigma <= 0) {
            return;
        }
        float[] kernel = gaussianKernel(sigma);
        int radius = kernel.length / 2;
        float[] line = new float[Math.max(x1 - x0, y1 - y0) + 2 * radius];
        for (int y = y0; y < y1; y++) {
            int row = y * width;
            for (int i = 0; i < x1 - x0 + 2 * radius; i++) {
                line[i] = luma[row + Math.clamp(x0 - radius + i, 0, width - 1)];
            }
            for (int x = x0; x < x1; x++) {
                luma[row + x] = convolve(line, x - x0, kernel);
            }
        }
        for (int x = x0; x < x1; x++) {
            for (int i = 0; i < y1 - y0 + 2 * radius; i++) {
                line[i] = luma[Math.clamp(y0 - radius + i, 0, height - 1) * width + x];
            }
            for (int y = y0; y < y1; y++) {
                luma[y * width + x] = convolve(line, y - y0, kernel);
            }
        }
    }

    /** Fills the rectangle [x0, x1) × [y0, y1), clipped to the canvas, with one grey. */
    void fillRect(int x0, int y0, int x1, int y1, float value) {
        for (int y = Math.max(0, y0); y < Math.min(height, y1); y++) {
            int row = y * width;
            for (int x = Math.max(0, x0); x < Math.min(width, x1); x++) {
                luma[row + x] = value;
            }
        }
    }

    /** A soft bright spot (a lamp's reflection on glossy paper or glass): a Gaussian of {@code amplitude} grey levels. */
    void addSpot(double cx, double cy, double radius, float amplitude) {
        int reach = (int) Math.ceil(3 * radius);
        for (int y = Math.max(0, (int) cy - reach); y < Math.min(height, (int) cy + reach); y++) {
            for (int x = Math.max(0, (int) cx - reach); x < Math.min(width, (int) cx + reach); x++) {
                double dx = x - cx;
                double dy = y - cy;
                luma[y * width + x] += (float) (amplitude * Math.exp(-(dx * dx + dy * dy) / (2 * radius * radius)));
            }
        }
    }

    /** Exposure: every pixel times {@code gain}; past 255 it clips when quantised, as a sensor saturates. */
    void scale(float gain) {
        for (int i = 0; i < luma.length; i++) {
            luma[i] *= gain;
        }
    }

    /** Sensor noise: independent Gaussian noise on every pixel. */
    void addNoise(RandomGenerator random, double sigma) {
        for (int i = 0; i < luma.length; i++) {
            luma[i] += (float) (random.nextGaussian() * sigma);
        }
    }

    Frame toFrame() {
        byte[] bytes = new byte[luma.length];
        for (int i = 0; i < luma.length; i++) {
            bytes[i] = (byte) Math.clamp(Math.round(luma[i]), 0, 255);
        }
        return new Frame(bytes, width, height);
    }

    private static float convolve(float[] line, int start, float[] kernel) {
        float sum = 0;
        for (int k = 0; k < kernel.length; k++) {
            sum += line[start + k] * kernel[k];
        }
        return sum;
    }

    private static float[] gaussianKernel(double sigma) {
        int radius = (int) Math.ceil(3 * sigma);
        float[] kernel = new float[2 * radius + 1];
        double total = 0;
        for (int i = -radius; i <= radius; i++) {
            double weight = Math.exp(-(i * i) / (2 * sigma * sigma));
            kernel[i + radius] = (float) weight;
            total += weight;
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] /= (float) total;
        }
        return kernel;
    }
}
