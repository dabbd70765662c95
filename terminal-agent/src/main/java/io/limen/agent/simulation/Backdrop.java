package io.limen.agent.simulation;

import java.util.random.RandomGenerator;

/**
 * What is behind the code in a synthetic frame: a plain room, or the busy things a terminal's camera
 * also sees (shelves of boxes, printed text, tiled walls), or a texture of finder-like squares. Each
 * is drawn on a {@link Canvas} from a seeded random source, so a seed gives the same backdrop.
 */
final class Backdrop {

    private Backdrop() {
    }

    /** A grey room with uneven light: a ramp across the frame. */
    static void room(Canvas canvas, RandomGenerator random) {
        canvas.fillGradient(
                (float) random.nextDouble(60, 150),
                (float) random.nextDouble(-0.05, 0.05),
                (float) random.nextDouble(-0.06, 0.06));
    }

    /**
     * A busy scene: the frame cut into a few vertical strips, each a tiled wall, shelves of boxes with
     * labels, or a printed page of text: edges and small dark-light-dark runs everywhere, which is what
     * makes a decoder's finder search work hard.
     */
    static void busy(Canvas canvas, RandomGenerator random) {
        room(canvas, random);
        int x = 0;
        while (x < canvas.width) {
            int stripWidth = random.nextInt(canvas.width / 5, canvas.width / 2);
            int end = Math.min(canvas.width, x + stripWidth);
            switch (random.nextInt(3)) {
                case 0 -> tiles(canvas, random, x, end);
                case 1 -> shelves(canvas, random, x, end);
                default -> text(canvas, random, x, 0, end, canvas.height);
            }
            x = end;
        }
    }

    private static void tiles(Canvas canvas, RandomGenerator random, int x0, int x1) {
        int tile = random.nextInt(18, 64);
        int grout = random.nextInt(2, 5);
        float face = (float) random.nextDouble(150, 230);
        float line = face - (float) random.nextDouble(40, 110);
        canvas.fillRect(x0, 0, x1, canvas.height, line);
        for (int y = 0; y < canvas.height; y += tile) {
            for (int x = x0; x < x1; x += tile) {
                canvas.fillRect(x + grout, y + grout, Math.min(x1, x + tile), y + tile,
                        face + (float) random.nextDouble(-12, 12));
            }
        }
    }

    private static void shelves(Canvas canvas, RandomGenerator random, int x0, int x1) {
        int y = 0;
        while (y < canvas.height) {
            int shelf = random.nextInt(90, 180);
            int board = random.nextInt(6, 14);
            canvas.fillRect(x0, y + shelf - board, x1, y + shelf, (float) random.nextDouble(20, 70));
            int x = x0;
            while (x < x1) {
                int box = random.nextInt(16, 90);
                int top = y + random.nextInt(8, shelf / 2);
                float grey = (float) random.nextDouble(30, 240);
                canvas.fillRect(x, top, Math.min(x1, x + box - 2), y + shelf - board, grey);
                if (box > 40 && random.nextBoolean()) {
                    // A label with a few lines of print.
                    int labelTop = top + (y + shelf - board - top) / 3;
                    canvas.fillRect(x + 4, labelTop, Math.min(x1, x + box - 6), labelTop + 30, 230);
                    text(canvas, random, x + 6, labelTop + 3, Math.min(x1, x + box - 8), labelTop + 28);
                }
                x += box;
            }
            y += shelf;
        }
    }

    /** Lines of glyph-sized dark marks on light paper in the rectangle [x0, x1) × [y0, y1). */
    private static void text(Canvas canvas, RandomGenerator random, int x0, int y0, int x1, int y1) {
        float paper = (float) random.nextDouble(190, 240);
        float ink = (float) random.nextDouble(15, 70);
        canvas.fillRect(x0, y0, x1, y1, paper);
        int glyphHeight = random.nextInt(5, 14);
        for (int y = y0 + 2; y + glyphHeight < y1; y += glyphHeight * 3 / 2 + 2) {
            int x = x0 + 2;
            while (x < x1 - 2) {
                int glyph = random.nextInt(1, Math.max(2, glyphHeight * 2 / 3));
                if (random.nextInt(6) == 0) {
                    x += glyph * 2; // a space between words
                } else {
                    canvas.fillRect(x, y + random.nextInt(0, 3), Math.min(x1, x + glyph), y + glyphHeight, ink);
                    x += glyph + random.nextInt(1, 3);
                }
            }
        }
    }

    /**
     * A patch of finder-like squares (the nested 7×7-module squares of a code's corners) in the
     * rectangle [x0, x1) × [y0, y1): wallpaper, a printed pattern, another code's corner.
     */
    static void finderTexture(Canvas canvas, RandomGenerator random, int x0, int y0, int x1, int y1) {
        int module = random.nextInt(2, 6);
        int gap = random.nextInt(3, 10);
        float ink = (float) random.nextDouble(20, 60);
        float paper = (float) random.nextDouble(170, 230);
        canvas.fillRect(x0, y0, x1, y1, paper);
        int square = 7 * module;
        int pitch = (7 + gap) * module;
        for (int top = y0; top + square <= y1; top += pitch) {
            for (int left = x0; left + square <= x1; left += pitch) {
                canvas.fillRect(left, top, left + square, top + square, ink);
                canvas.fillRect(left + module, top + module, left + 6 * module, top + 6 * module, paper);
                canvas.fillRect(left + 2 * module, top + 2 * module, left + 5 * module, top + 5 * module, ink);
            }
        }
    }
}
