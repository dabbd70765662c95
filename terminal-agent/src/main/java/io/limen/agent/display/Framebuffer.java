package io.limen.agent.display;

import java.util.Arrays;

/**
 * A 1-bit image of the SSD1306's 128×64 panel, laid out as the controller's display RAM (GDDRAM,
 * SSD1306 datasheet section 8.7, figure 8-13): 8 pages of 8 pixel rows, one byte per column and page,
 * bit 0 the top row of the page. Byte {@code page * 128 + x} is what the controller's page {@code page},
 * column {@code x} holds, so a flush sends the bytes as they are. Pages changed since the last
 * {@link #clean} are marked dirty, and a flush writes only those.
 *
 * <p>Coordinates: x 0..127 from the left, y 0..63 from the top (with {@link Ssd1306}'s segment and COM
 * remap, the module's header pins at the top). Not thread-safe: the display's writer thread owns it.
 */
public final class Framebuffer {

    public static final int WIDTH = 128;
    public static final int HEIGHT = 64;
    public static final int PAGES = HEIGHT / 8;

    private final byte[] bytes = new byte[WIDTH * PAGES];
    private int dirty = (1 << PAGES) - 1; // the panel's RAM is unknown at power-up: everything is to be sent

    /** Whether pixel (x, y) is lit. */
    public boolean pixel(int x, int y) {
        check(x, y);
        return (bytes[(y >> 3) * WIDTH + x] & (1 << (y & 7))) != 0;
    }

    /** Lights or darkens pixel (x, y); marks its page dirty when it changes. */
    public void pixel(int x, int y, boolean lit) {
        check(x, y);
        int index = (y >> 3) * WIDTH + x;
        int bit = 1 << (y & 7);
        int next = lit ? bytes[index] | bit : bytes[index] & ~bit;
        if (next != bytes[index]) {
            bytes[index] = (byte) next;
            dirty |= 1 << (y >> 3);
        }
    }

    /** Darkens every pixel; marks the pages that had any lit pixel dirty. */
    public void clear() {
        for (int page = 0; page < PAGES; page++) {
            for (int i = page * WIDTH; i < (page + 1) * WIDTH; i++) {
                if (bytes[i] != 0) {
                    Arrays.fill(bytes, page * WIDTH, (page + 1) * WIDTH, (byte) 0);
                    dirty |= 1 << page;
                    break;
                }
            }
        }
    }

    /** The pages changed since {@link #clean}, as a bit mask (bit n: page n). */
    public int dirtyPages() {
        return dirty;
    }

    /** Marks every page as on the panel. */
    public void clean() {
        dirty = 0;
    }

    /** Marks every page dirty: the panel's RAM is unknown (after a reset or a failed write). */
    public void invalidate() {
        dirty = (1 << PAGES) - 1;
    }

    /** The image, 128 bytes a page, page 0 first, as the controller takes it; the array itself, not a copy. */
    byte[] bytes() {
        return bytes;
    }

    private static void check(int x, int y) {
        if (x < 0 || x >= WIDTH || y < 0 || y >= HEIGHT) {
            throw new IndexOutOfBoundsException("pixel must lie within 128x64, but was (" + x + ", " + y + ")");
        }
    }
}
