package io.limen.agent.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import io.limen.agent.gate.GpioContexts;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The driver's I2C bytes, read back from Pi4J's mock I2C and played into a model of the controller
 * (4-bit nibbles latched on E's falling edge, DDRAM addressed as the datasheet maps the rows), so the
 * test asserts what the screen would show, not the bytes one by one.
 */
class Hd44780Test {

    private final Context context = GpioContexts.simulated();
    private final I2C i2c = context.create(I2C.newConfigBuilder(context).id("lcd").bus(1).device(0x27));
    private final List<Long> pauses = new ArrayList<>();

    @AfterEach
    void shutDown() {
        context.shutdown();
    }

    /** A model of the HD44780 in 4-bit mode: what its DDRAM holds after the bytes the backpack received. */
    private static final class Controller {
        final char[] ddram = new char[0x68];
        int address;
        boolean fourBit;
        Integer highNibble;
        boolean backlight = true;
        int lastBits = -1;

        Controller() {
            java.util.Arrays.fill(ddram, ' ');
        }

        void receive(int bits) {
            backlight &= (bits & Hd44780.BACKLIGHT) != 0;
            boolean fallingE = lastBits >= 0 && (lastBits & Hd44780.ENABLE) != 0 && (bits & Hd44780.ENABLE) == 0;
            lastBits = bits;
            if (!fallingE) {
                return;
            }
            int nibble = bits & 0xF0;
            boolean rs = (bits & Hd44780.RS) != 0;
            if (!fourBit) {
                if (nibble == 0x20) {
                    fourBit = true; // the reset sequence's last 8-bit command
                }
                return;
            }
            if (highNibble == null) {
                highNibble = nibble;
                return;
            }
            int value = highNibble | (nibble >> 4);
            highNibble = null;
            if (rs) {
                ddram[address++] = (char) value;
            } else if (value == 0x01) {
                java.util.Arrays.fill(ddram, ' ');
                address = 0;
            } else if ((value & 0x80) != 0) {
                address = value & 0x7F;
            }
        }

        String row(int offset, int columns) {
            return new String(ddram, offset, columns);
        }
    }

    private Controller played() {
        Controller c = new Controller();
        List<Integer> bytes = new ArrayList<>();
        int b;
        // The mock returns each byte sign-extended and -1 when empty; the driver never writes 0xFF.
        while ((b = i2c.read()) != -1) {
            bytes.add(b & 0xFF);
        }
        bytes.forEach(c::receive);
        return c;
    }

    @Test
    void twoLines_onA16x2_arePaddedAndCut_withTheBacklightOn() {
        Hd44780 lcd = new Hd44780(i2c, 16, 2, pauses::add);
        lcd.init();
        lcd.show(List.of("Refused", "Lists out of date and more"));

        Controller screen = played();
        assertEquals("Refused         ", screen.row(0x00, 16));
        assertEquals("Lists out of dat", screen.row(0x40, 16));
        assertTrue(screen.backlight);
    }

    @Test
    void fourRows_onA20x4_useTheDatasheetsRowAddresses_andBlankTheRest() {
        Hd44780 lcd = new Hd44780(i2c, 20, 4, pauses::add);
        lcd.init();
        lcd.show(List.of("Welcome", "Ada", "", "lobby"));
        lcd.show(List.of("Refused", "Pass expired"));

        Controller screen = played();
        assertEquals(List.of("Refused             ", "Pass expired        ", " ".repeat(20), " ".repeat(20)),
                List.of(screen.row(0x00, 20), screen.row(0x40, 20), screen.row(0x14, 20), screen.row(0x54, 20)));
    }

    @Test
    void charactersTheRomLacks_areQuestionMarks() {
        Hd44780 lcd = new Hd44780(i2c, 16, 2, pauses::add);
        lcd.init();
        lcd.show(List.of("欢迎 Zoë", "a\\b~c"));

        Controller screen = played();
        assertEquals("?? Zo?          ", screen.row(0x00, 16));
        assertEquals("a?b?c           ", screen.row(0x40, 16));
    }

    @Test
    void resetSequence_waitsTheDatasheetsTimes_withoutSleepingInTests() {
        new Hd44780(i2c, 16, 2, pauses::add).init();
        assertEquals(List.of(50_000_000L, 4_500_000L, 150_000L, 150_000L, 150_000L), pauses.subList(0, 5));
        assertTrue(pauses.contains(2_000_000L), "clear waits over 1.52 ms");
    }

    @Test
    void otherSizes_areRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Hd44780(i2c, 16, 4, pauses::add));
        assertEquals("an HD44780 display must be 16x2 or 20x4, but was 16x4", e.getMessage());
    }
}
