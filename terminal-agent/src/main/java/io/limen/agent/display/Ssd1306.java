package io.limen.agent.display;

import java.util.Objects;

/**
 * A 128×64 OLED on a Solomon Systech SSD1306 controller, over I2C; written from the datasheet (SSD1306
 * Rev 1.1, Solomon Systech, April 2008), since no published driver resolves here. Section numbers below
 * are that document's.
 *
 * <p><b>Addressing (8.1.5, figure 8-7).</b> The 7-bit slave address is {@code 0111 10 SA0}: 0x3C with the
 * SA0 (D/C#) pin low, 0x3D with it high. Every write transaction starts with a control byte
 * {@code Co D/C# 000000}: {@link #CONTROL_COMMANDS} (0x00: Co = 0, the rest of the transaction is
 * commands) or {@link #CONTROL_DATA} (0x40: D/C# = 1, the rest is display RAM data).
 *
 * <p><b>Start-up ({@link #INIT}).</b> The software initialisation flow of the datasheet's application
 * example, with the display off while it is configured, horizontal addressing, and scrolling stopped;
 * the charge pump is turned on (8Dh 14h, the appendix "Charge Pump Regulator", table 2-1) before the
 * display, as modules without an external 7-15 V VCC need.
 *
 * <p><b>Drawing ({@link #flush}).</b> With horizontal addressing (10.1.3), a column range (21h, 10.1.4)
 * and a page range (22h, 10.1.5) set the window, and data bytes fill it column by column, page after
 * page: each byte is 8 vertical pixels, bit 0 on top (8.7). Only the runs of pages the {@link Framebuffer}
 * marks dirty are sent: 7 command bytes and 1 + 128 data bytes per page.
 *
 * <p>Not thread-safe: one writer thread owns it ({@link OledDisplay}).
 */
public final class Ssd1306 {

    /** The slave address with SA0 low (8.1.5). */
    public static final int ADDRESS_SA0_LOW = 0x3C;
    /** The slave address with SA0 high (8.1.5). */
    public static final int ADDRESS_SA0_HIGH = 0x3D;
    /** Control byte: Co = 0, D/C# = 0: the bytes after it are commands (8.1.5.1). */
    public static final byte CONTROL_COMMANDS = 0x00;
    /** Control byte: Co = 0, D/C# = 1: the bytes after it go to display RAM (8.1.5.1). */
    public static final byte CONTROL_DATA = 0x40;

    /** The start-up sequence, one command transaction (control byte first). */
    static final byte[] INIT = bytes(
            CONTROL_COMMANDS,
            0xAE,       // 10.1.12 display off while configuring
            0xA8, 0x3F, // 10.1.11 multiplex ratio: 64 rows (N + 1 = 0x3F + 1)
            0xD3, 0x00, // 10.1.15 display offset: none
            0x40,       // 10.1.6  display start line: 0
            0xA1,       // 10.1.8  segment re-map: column 127 drives SEG0 (modules mount the glass so)
            0xC8,       // 10.1.14 COM output scan direction: remapped, COM63 to COM0 (with A1h: upright)
            0xDA, 0x12, // 10.1.18 COM pins: alternative configuration, no left/right remap (128x64 glass)
            0x81, 0x7F, // 10.1.7  contrast: the reset value, the middle of 256 steps
            0xA4,       // 10.1.9  output follows RAM (A5h would light every pixel)
            0xA6,       // 10.1.10 normal display: a 1 bit lights a pixel
            0xD5, 0x80, // 10.1.16 clock: divide ratio 1, oscillator frequency 8 (the reset value)
            0x20, 0x00, // 10.1.3  memory addressing mode: horizontal
            0x2E,       // 10.2.3  deactivate scroll (a scroll left running would move the text)
            0x8D, 0x14, // charge pump regulator on (appendix, table 2-1); must precede display on
            0xAF);      // 10.1.12 display on

    /** Turns the panel off (10.1.12); its RAM is kept. */
    static final byte[] DISPLAY_OFF = bytes(CONTROL_COMMANDS, 0xAE);

    private final I2cDevice device;
    private final byte[] window = new byte[7];
    private final byte[] data = new byte[1 + Framebuffer.WIDTH * Framebuffer.PAGES];

    /** @param device the controller at 0x3C or 0x3D on its bus */
    public Ssd1306(I2cDevice device) {
        this.device = Objects.requireNonNull(device, "device must not be null");
        data[0] = CONTROL_DATA;
        window[0] = CONTROL_COMMANDS;
    }

    /** Configures the controller and turns the panel on ({@link #INIT}). */
    public void init() {
        device.write(INIT, 0, INIT.length);
    }

    /** Turns the panel off; it keeps its RAM. */
    public void displayOff() {
        device.write(DISPLAY_OFF, 0, DISPLAY_OFF.length);
    }

    /**
     * Sends the pages of {@code image} changed since its last flush, each run of consecutive dirty pages
     * as one window and one data transaction, then marks it clean. A write that fails leaves every page
     * dirty, so the next flush sends the whole image.
     *
     * @return the number of pages sent (0..8)
     * @throws RuntimeException what the I2C device threw
     */
    public int flush(Framebuffer image) {
        int dirty = image.dirtyPages();
        int sent = 0;
        try {
            int page = 0;
            while (page < Framebuffer.PAGES) {
                if ((dirty & (1 << page)) == 0) {
                    page++;
                    continue;
                }
                int last = page;
                while (last + 1 < Framebuffer.PAGES && (dirty & (1 << (last + 1))) != 0) {
                    last++;
                }
                send(image.bytes(), page, last);
                sent += last - page + 1;
                page = last + 1;
            }
        } catch (RuntimeException e) {
            image.invalidate();
            throw e;
        }
        image.clean();
        return sent;
    }

    private void send(byte[] image, int firstPage, int lastPage) {
        window[1] = 0x21; // 10.1.4 column address: start, end
        window[2] = 0;
        window[3] = (byte) (Framebuffer.WIDTH - 1);
        window[4] = 0x22; // 10.1.5 page address: start, end
        window[5] = (byte) firstPage;
        window[6] = (byte) lastPage;
        device.write(window, 0, window.length);
        int length = (lastPage - firstPage + 1) * Framebuffer.WIDTH;
        System.arraycopy(image, firstPage * Framebuffer.WIDTH, data, 1, length);
        device.write(data, 0, 1 + length);
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
