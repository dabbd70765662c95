package io.limen.agent.display;

import java.util.ArrayList;
import java.util.List;

/**
 * The test's SSD1306: records each I2C write transaction a driver makes and plays it into a model of
 * the controller (SSD1306 datasheet 8.1.5: a control byte, then commands or RAM data; 10.1.3-10.1.5:
 * horizontal addressing within a column and page window), so tests assert the pixels the panel would
 * show, decoded from the bytes, not the driver's own framebuffer.
 */
final class Ssd1306Model implements I2cDevice {

    final List<byte[]> transactions = new ArrayList<>();
    /** GDDRAM: page-major, 128 bytes a page, bit 0 the page's top row. */
    final byte[] ram = new byte[128 * 8];
    boolean on;
    boolean chargePump;
    int addressingMode = 0b10; // page addressing after reset (10.1.3)
    private int columnStart;
    private int columnEnd = 127;
    private int pageStart;
    private int pageEnd = 7;
    private int column;
    private int page;

    @Override
    public void write(byte[] buffer, int offset, int length) {
        byte[] bytes = java.util.Arrays.copyOfRange(buffer, offset, offset + length);
        transactions.add(bytes);
        if (bytes[0] == Ssd1306.CONTROL_COMMANDS) {
            commands(bytes);
        } else if (bytes[0] == Ssd1306.CONTROL_DATA) {
            for (int i = 1; i < bytes.length; i++) {
                data(bytes[i]);
            }
        } else {
            throw new AssertionError("a transaction must start with control byte 0x00 or 0x40, but was " + bytes[0]);
        }
    }

    private void commands(byte[] bytes) {
        int i = 1;
        while (i < bytes.length) {
            int command = bytes[i++] & 0xFF;
            switch (command) {
                case 0xAE -> on = false;
                case 0xAF -> on = true;
                case 0x8D -> chargePump = (bytes[i++] & 0x04) != 0;
                case 0x20 -> addressingMode = bytes[i++] & 0x03;
                case 0x21 -> {
                    columnStart = bytes[i++] & 0x7F;
                    columnEnd = bytes[i++] & 0x7F;
                    column = columnStart;
                }
                case 0x22 -> {
                    pageStart = bytes[i++] & 0x07;
                    pageEnd = bytes[i++] & 0x07;
                    page = pageStart;
                }
                case 0xA8, 0xD3, 0xDA, 0x81, 0xD5, 0xD9, 0xDB -> i++; // one argument, not modelled
                case 0x40, 0xA0, 0xA1, 0xC0, 0xC8, 0xA4, 0xA6, 0x2E -> { }
                default -> throw new AssertionError("command the model does not know: 0x" + Integer.toHexString(command));
            }
        }
    }

    private void data(byte value) {
        if (addressingMode != 0) {
            throw new AssertionError("data written outside horizontal addressing mode");
        }
        ram[page * 128 + column] = value;
        if (column == columnEnd) {
            column = columnStart;
            page = page == pageEnd ? pageStart : page + 1;
        } else {
            column++;
        }
    }

    /** Whether the panel lights pixel (x, y). */
    boolean pixel(int x, int y) {
        return (ram[(y >> 3) * 128 + x] & (1 << (y & 7))) != 0;
    }

    /** Data bytes sent so far (control bytes not counted). */
    int dataBytes() {
        return transactions.stream().filter(t -> t[0] == Ssd1306.CONTROL_DATA).mapToInt(t -> t.length - 1).sum();
    }
}
