package io.limen.agent.selftest;

import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import io.limen.agent.display.Displays;
import io.limen.agent.display.Framebuffer;
import io.limen.agent.display.Hd44780;
import io.limen.agent.display.I2cDevice;
import io.limen.agent.display.Ssd1306;
import io.limen.config.AgentConfig;
import io.limen.config.DisplayConfig;
import io.limen.config.LcdWiring;
import io.limen.config.OledWiring;
import java.util.List;

/**
 * A test pattern on the screen {@code display.type} picks ({@link Displays#resolve}), written through the
 * agent's own drivers: two lines of text on the character LCD, a border and a checkerboard on the OLED
 * (every pixel of the edge lit, so a panel mounted off-centre or a dead column shows). Nothing reads a
 * screen back: the technician looks, and the check says only that the controller took the bytes. Not
 * needed: a terminal without a screen still decides and logs.
 */
final class DisplayCheck {

    private DisplayCheck() {
    }

    static Check run(AgentConfig config, Context gpio, boolean realPins, SelfTest.Pause pause) {
        DisplayConfig.Type type = Displays.resolve(config);
        if (type == DisplayConfig.Type.JOURNAL) {
            return Check.skip("display", config.board().lcd().isEmpty() && config.display().type() == DisplayConfig.Type.AUTO
                    ? "the board has no LCD: decisions go to the log" : "display.type journal: decisions go to the log");
        }
        if (!realPins) {
            return Check.skip("display", "simulated pins: no I2C bus to write");
        }
        return type == DisplayConfig.Type.OLED ? oled(config.display().oled(), gpio) : lcd(config, gpio, pause);
    }

    private static Check lcd(AgentConfig config, Context gpio, SelfTest.Pause pause) {
        LcdWiring lcd = config.board().lcd().orElseThrow(() -> new IllegalStateException("display.type lcd on a board without an LCD"));
        String where = "the " + lcd.columns() + "x" + lcd.rows() + " LCD at I2C bus " + lcd.bus() + " address 0x"
                + Integer.toHexString(lcd.address());
        try {
            I2C i2c = gpio.create(I2C.newConfigBuilder(gpio).id("selftest-lcd").bus(lcd.bus()).device(lcd.address()));
            try {
                Hd44780 screen = new Hd44780(i2c, lcd.columns(), lcd.rows(), pause::nanos);
                screen.init();
                screen.show(List.of("Limen selftest", "0123456789ABCDEFGHIJ"));
            } finally {
                gpio.shutdown(i2c.id());
            }
            return Check.pass("display", false, "test pattern written to " + where + ": check it shows");
        } catch (RuntimeException e) {
            return Check.fail("display", false, where + " did not answer: " + e.getMessage());
        }
    }

    private static Check oled(OledWiring oled, Context gpio) {
        try {
            I2C i2c = gpio.create(I2C.newConfigBuilder(gpio).id("selftest-oled").bus(oled.bus()).device(oled.address()));
            try {
                return oled(I2cDevice.of(i2c), oled);
            } finally {
                gpio.shutdown(i2c.id());
            }
        } catch (RuntimeException e) {
            return Check.fail("display", false, where(oled) + " could not be opened: " + e.getMessage());
        }
    }

    /** Writes the pattern to the SSD1306 at {@code device}: its init sequence, then the whole image. */
    static Check oled(I2cDevice device, OledWiring oled) {
        try {
            Ssd1306 panel = new Ssd1306(device);
            panel.init();
            panel.flush(pattern());
            return Check.pass("display", false, "test pattern (a border and a checkerboard) written to " + where(oled)
                    + ": check every edge pixel is lit");
        } catch (RuntimeException e) {
            return Check.fail("display", false, where(oled) + " did not answer: " + e.getMessage());
        }
    }

    /** A one-pixel border round the panel's edge, and 8-pixel checkerboard squares inside it. */
    static Framebuffer pattern() {
        Framebuffer image = new Framebuffer();
        for (int y = 0; y < Framebuffer.HEIGHT; y++) {
            for (int x = 0; x < Framebuffer.WIDTH; x++) {
                boolean edge = x == 0 || y == 0 || x == Framebuffer.WIDTH - 1 || y == Framebuffer.HEIGHT - 1;
                boolean square = x >= 8 && x < Framebuffer.WIDTH - 8 && y >= 8 && y < Framebuffer.HEIGHT - 8 && ((x / 8 + y / 8) & 1) == 0;
                image.pixel(x, y, edge || square);
            }
        }
        return image;
    }

    private static String where(OledWiring oled) {
        return "the 128x64 OLED at I2C bus " + oled.bus() + " address 0x" + Integer.toHexString(oled.address());
    }
}
