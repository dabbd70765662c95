package io.limen.agent.display;

import com.pi4j.io.i2c.I2C;
import java.util.List;
import java.util.Objects;

/**
 * An HD44780 character LCD (16×2 or 20×4) behind a PCF8574 I2C backpack, written on Pi4J's I2C: no
 * published driver resolves here. The backpack's eight outputs drive the LCD in 4-bit mode:
 *
 * <pre>
 *   PCF8574 bit  7    6    5    4    3          2    1    0
 *   LCD pin      D7   D6   D5   D4   backlight  E    RW   RS
 * </pre>
 *
 * Each nibble is latched on E's falling edge: three I2C writes per nibble (E high with the data,
 * the data with E low). Timings are the datasheet's (Hitachi HD44780U, figure 24): over 4.1 ms after
 * the first "8-bit" command of the reset sequence, over 100 µs after the second, 1.52 ms for clear and
 * home, 37 µs for anything else; {@link Pause} waits them, so tests record the waits instead of
 * sleeping. The character ROM is A00 (ASCII from 0x20 to 0x7D, Japanese kana above): anything else,
 * Chinese included, is written as {@code ?}.
 *
 * <p>Not thread-safe: one writer thread owns it ({@link LcdDisplay}).
 */
public final class Hd44780 {

    /** How the driver waits for the controller. */
    @FunctionalInterface
    public interface Pause {
        /** Waits at least {@code nanos}. */
        void nanos(long nanos);
    }

    static final int RS = 0x01;
    static final int ENABLE = 0x04;
    static final int BACKLIGHT = 0x08;
    private static final int[] ROW_OFFSETS = {0x00, 0x40, 0x14, 0x54};

    private final I2C i2c;
    private final int columns;
    private final int rows;
    private final Pause pause;

    /**
     * @param i2c     the backpack (usually bus 1, address 0x27 or 0x3F)
     * @param columns 16 or 20
     * @param rows    2 or 4
     */
    public Hd44780(I2C i2c, int columns, int rows, Pause pause) {
        this.i2c = Objects.requireNonNull(i2c, "i2c must not be null");
        this.pause = Objects.requireNonNull(pause, "pause must not be null");
        if (!((columns == 16 && rows == 2) || (columns == 20 && rows == 4))) {
            throw new IllegalArgumentException("an HD44780 display must be 16x2 or 20x4, but was " + columns + "x" + rows);
        }
        this.columns = columns;
        this.rows = rows;
    }

    /** The number of rows: 2 or 4. */
    public int rows() {
        return rows;
    }

    /** The reset sequence into 4-bit mode, two lines, display on, cursor off, cleared. */
    public void init() {
        pause.nanos(50_000_000); // over 40 ms after power reaches 2.7 V
        nibble(0x30, 0);
        pause.nanos(4_500_000);
        nibble(0x30, 0);
        pause.nanos(150_000);
        nibble(0x30, 0);
        pause.nanos(150_000);
        nibble(0x20, 0); // 4-bit from here on
        pause.nanos(150_000);
        command(0x28); // function set: 4-bit, 2 lines (4-line modules are 2 lines folded), 5x8 dots
        command(0x0C); // display on, cursor off, blink off
        command(0x06); // entry mode: increment, no shift
        clear();
    }

    /** Clears the display. */
    public void clear() {
        command(0x01);
        pause.nanos(2_000_000);
    }

    /**
     * Shows {@code lines}, one per row from the top: each padded or cut to the width; rows beyond the
     * lines given are blanked; lines beyond the rows are not shown.
     */
    public void show(List<String> lines) {
        for (int row = 0; row < rows; row++) {
            command(0x80 | ROW_OFFSETS[row]);
            String line = row < lines.size() ? lines.get(row) : "";
            for (int col = 0; col < columns; col++) {
                data(col < line.length() ? glyph(line.charAt(col)) : ' ');
            }
        }
    }

    /** The A00 ROM's glyph for {@code c}: itself when printable ASCII it has, else '?'. */
    static int glyph(char c) {
        // 0x5C is a yen sign and 0x7E/0x7F arrows on A00: not what the text meant.
        return c >= 0x20 && c <= 0x7D && c != 0x5C ? c : '?';
    }

    private void command(int value) {
        nibble(value & 0xF0, 0);
        nibble((value << 4) & 0xF0, 0);
        pause.nanos(40_000);
    }

    private void data(int value) {
        nibble(value & 0xF0, RS);
        nibble((value << 4) & 0xF0, RS);
        pause.nanos(40_000);
    }

    private void nibble(int high, int mode) {
        int bits = high | mode | BACKLIGHT;
        i2c.write((byte) (bits | ENABLE));
        i2c.write((byte) bits);
    }
}
