package io.limen.agent.display;

import java.util.Arrays;

/**
 * A 1-bit image of the SSD1306's 128×64 panel, laid out as the controller's display RAM (GDDRAM,
 * SSD1306 datasheet section 8.7, figure 8-13): 8 pages of 8 pixel rows, one byte per column and page,
 * bit 0 the top row of the page. Byte {@code page * 128 + x} is what the controller's page {@code page},
 * column {@code x} holds, so a flush sends the bytes as they are.
 *
 * <p>It remembers what the panel holds (the image at the last {@link #clean}), so {@link #dirtyPages}
 * names the pages whose bytes differ from it: a screen redrawn from scratch (cleared, then drawn) sends
 * only the pages that came out different — a second denial under the same headline leaves the
 * headline's pages alone. Comparing 1 KiB costs far less than sending one needless page over I2C.
 *
 * <p>Coordinates: x 0..127 from the left, y 0..63 from the top (with {@link Ssd1306}'s segment and COM
 * remap, the module's header pins at the top). Not thread-safe: the display's writer thread owns it.
 */
public final class Framebuffer {

    public static final int WIDTH = 128;
    public static final int HEIGHT = 64;
    public static final int PAGES = HEIGHT / 8;
    private static final int ALL_PAGES = (1 << PAGES) - 1;

    private final byte[] bytes = new byte[WIDTH * PAGES];
    private final byte[] onPanel = new byte[WIDTH * PAGES];
    private boolean panelUnknown = true; // the panel's RAM is unknown at power-up: everything is to be sent

    /** Whether pixel (x, y) is lit. */
    public boolean pixel(int x, int y) {
        check(x, y);
        return (bytes[(y >> 3) * WIDTH + x] & (1 << (y & 7))) != 0;
    }

    /** Lights or darkens pixel (x, y). */
    public void pixel(int x, int y, boolean lit) {
        check(x, y);
        int index = (y >> 3) * WIDTH + x;
        int bit = 1 << (y & 7);
        bytes[index] = (byte) (lit ? bytes[index] | bit : bytes[index] & ~bit);
    }

    /** Darkens every pixel. */
    public void clear() {
        Arrays.fill(bytes, (byte) 0);
    }

    /** The pages that differ from what the panel holds (all after {@link #invalidate}), as a bit mask: bit n, page n. */
    public int dirtyPages() {
        if (panelUnknown) {
            return ALL_PAGES;
        }
        int dirty = 0;
        for (int page = 0; page < PAGES; page++) {
            int from = page * WIDTH;
            if (!Arrays.equals(bytes, from, from + WIDTH, onPanel, from, from + WIDTH)) {
                dirty |= 1 << page;
            }
        }
        return dirty;
    }

    /** Records the image as what the panel now holds. */
    public void clean() {
        System.arraycopy(bytes, 0, onPanel, 0, bytes.length);
        panelUnknown = false;
    }

    /** Forgets what the panel holds (after a reset or a failed write): every page is dirty. */
    public void invalidate() {
        panelUnknown = true;
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
