package io.limen.agent.display;

/**
 * One character's bitmap from a {@link HexFont}: 16 rows of {@code width} pixels (8 or 16), each row
 * {@code width / 8} bytes with the leftmost pixel in the most significant bit, top row first — the
 * layout of a Unifont {@code .hex} line's bitmap.
 *
 * @param codepoint the Unicode code point drawn
 * @param width     8 (half-width: one display cell) or 16 (full-width, as CJK ideographs: two cells)
 * @param rows      the bitmap, {@code 16 * width / 8} bytes; shared with the font, not to be written
 */
public record Glyph(int codepoint, int width, byte[] rows) {

    public static final int HEIGHT = 16;

    public Glyph {
        if (width != 8 && width != 16) {
            throw new IllegalArgumentException("glyph width must be 8 or 16, but was " + width);
        }
        if (rows.length != HEIGHT * width / 8) {
            throw new IllegalArgumentException("glyph of width " + width + " must have " + HEIGHT * width / 8 + " bytes, but had " + rows.length);
        }
    }

    /** Display cells it takes: 1 for a half-width glyph, 2 for a full-width one. */
    public int cells() {
        return width / 8;
    }

    /** Whether its pixel (x, y) is set; x 0..width-1 from the left, y 0..15 from the top. */
    public boolean pixel(int x, int y) {
        int bytesPerRow = width / 8;
        return (rows[y * bytesPerRow + (x >> 3)] & (0x80 >> (x & 7))) != 0;
    }

    @Override
    public String toString() {
        return "Glyph[U+" + String.format("%04X", codepoint) + ", width=" + width + "]";
    }
}
