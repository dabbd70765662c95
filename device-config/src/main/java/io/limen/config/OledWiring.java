package io.limen.config;

/**
 * An SSD1306 128×64 OLED on the Pi's I2C bus (YAML {@code display.oled}).
 *
 * @param bus     the Pi's I2C bus, 0..10 (bus 1 is BCM 2/3 on the header)
 * @param address the controller's 7-bit address: 0x3C (its SA0 pin low, most modules) or 0x3D (SA0 high);
 *                SSD1306 datasheet section 8.1.5
 */
public record OledWiring(int bus, int address) {

    /** The Pi's I2C bus numbers (declared before DEFAULTS, which checks against it). */
    public static final Range BUS = new Range(0, 10);
    /** Bus 1 at 0x3C: a module on the header's I2C pins, as sold. */
    public static final OledWiring DEFAULTS = new OledWiring(1, 0x3C);

    public OledWiring {
        Checks.within("display.oled.bus", bus, BUS);
        if (address != 0x3C && address != 0x3D) {
            throw new IllegalArgumentException("display.oled.address must be 0x3C or 0x3D, but was 0x" + Integer.toHexString(address));
        }
    }
}
