package io.limen.config;

/**
 * A character LCD (HD44780) on an I2C backpack (PCF8574), as a board wires it.
 *
 * @param bus     the Pi's I2C bus, 0..10 (bus 1 is BCM 2/3 on the header)
 * @param address the backpack's 7-bit address, 0x03..0x77 (0x27 or 0x3F on most)
 * @param columns 16 or 20
 * @param rows    2 (with 16 columns) or 4 (with 20)
 */
public record LcdWiring(int bus, int address, int columns, int rows) {

    public LcdWiring {
        Checks.within("lcd bus", bus, 0, 10);
        Checks.within("lcd address", address, 0x03, 0x77);
        if (!((columns == 16 && rows == 2) || (columns == 20 && rows == 4))) {
            throw new IllegalArgumentException("lcd size must be 16x2 or 20x4, but was " + columns + "x" + rows);
        }
    }
}
