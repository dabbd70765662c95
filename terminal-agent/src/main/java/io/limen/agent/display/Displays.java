package io.limen.agent.display;

import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import io.limen.config.AgentConfig;
import io.limen.config.DisplayConfig;
import io.limen.config.GateDriver;
import io.limen.config.LcdWiring;
import io.limen.config.OledWiring;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The display a terminal's config asks for ({@code display.type}), opened on its I2C bus:
 *
 * <pre>
 *   display.type   gate.driver pi4j                              simulated pins
 *   auto           the board's LCD if it has one, else journal   journal
 *   journal        JournalDisplay                                journal
 *   lcd            LcdDisplay (Hd44780 at board.lcd)             journal, said once in the log
 *   oled           OledDisplay (Ssd1306 at display.oled,         journal, said once in the log
 *                  font display.font)
 * </pre>
 *
 * Screens need a real I2C bus: on simulated pins (a laptop, a bench) the decisions go to the log.
 */
public final class Displays {

    private static final Logger log = LoggerFactory.getLogger(Displays.class);

    private Displays() {
    }

    /** The type {@code auto} stands for on this board: its LCD when it has one, else the journal. */
    public static DisplayConfig.Type resolve(AgentConfig config) {
        DisplayConfig.Type type = config.display().type();
        if (type != DisplayConfig.Type.AUTO) {
            return type;
        }
        return config.board().lcd().isPresent() ? DisplayConfig.Type.LCD : DisplayConfig.Type.JOURNAL;
    }

    /**
     * Opens the display; its writer thread starts at once (stop it with {@link #close}).
     *
     * @param gpio the Pi4J context whose I2C provider reaches the screen
     */
    public static Display open(AgentConfig config, Context gpio) {
        DisplayConfig.Type type = resolve(config);
        if (type != DisplayConfig.Type.JOURNAL && config.gate().driver() != GateDriver.PI4J) {
            if (config.display().type() != DisplayConfig.Type.AUTO) {
                log.info("display.type {} needs gate.driver pi4j (a real I2C bus); decisions go to the log", type.configName());
            }
            type = DisplayConfig.Type.JOURNAL;
        }
        DisplayLanguage language = DisplayLanguage.of(config.display().language());
        return switch (type) {
            case JOURNAL, AUTO -> new JournalDisplay();
            case LCD -> {
                LcdWiring lcd = config.board().lcd().orElseThrow(() -> new IllegalStateException(
                        "display.type lcd on board " + config.board().name() + " without an LCD (the config check refuses it)"));
                I2C i2c = gpio.create(I2C.newConfigBuilder(gpio).id("lcd").bus(lcd.bus()).device(lcd.address()));
                // The controller's waits are tens of µs to a few ms, on the display's own thread.
                yield new LcdDisplay(new Hd44780(i2c, lcd.columns(), lcd.rows(), LockSupport::parkNanos), language);
            }
            case OLED -> {
                OledWiring oled = config.display().oled();
                I2C i2c = gpio.create(I2C.newConfigBuilder(gpio).id("oled").bus(oled.bus()).device(oled.address()));
                yield new OledDisplay(new Ssd1306(I2cDevice.of(i2c)), language, () -> HexFont.read(config.display().font()));
            }
        };
    }

    /** Stops a display's writer thread, if it has one; never throws. */
    public static void close(Display display) {
        switch (display) {
            case JournalDisplay journal -> journal.close();
            case LcdDisplay lcd -> lcd.close();
            case OledDisplay oled -> oled.close();
            default -> { } // RecordingDisplay, a test's: no thread
        }
    }
}
