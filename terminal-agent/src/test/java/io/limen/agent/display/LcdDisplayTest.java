package io.limen.agent.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import io.limen.agent.gate.GpioContexts;
import io.limen.agent.policy.Decision;
import io.limen.format.Reason;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The LCD's writer thread puts the decision's two lines on the screen, off the admit thread. */
class LcdDisplayTest {

    /** The driver's waits for a reset and one 16x2 screen: 5 in the reset, 3 commands, clear (2), 2 rows of 1 + 16. */
    private static final int PAUSES_FOR_INIT_AND_ONE_SCREEN = 5 + 3 + 2 + 2 * 17;

    @Test
    void denial_isShownInEnglish_byTheWriterThread() throws Exception {
        Context context = GpioContexts.simulated();
        try {
            I2C i2c = context.create(I2C.newConfigBuilder(context).id("lcd").bus(1).device(0x27));
            CountDownLatch written = new CountDownLatch(PAUSES_FOR_INIT_AND_ONE_SCREEN);
            LcdDisplay display = new LcdDisplay(new Hd44780(i2c, 16, 2, nanos -> written.countDown()));
            try {
                Decision revoked = Decision.denied(Reason.REVOKED, Optional.empty(), "revoked");
                display.show(revoked);
                assertTrue(written.await(10, TimeUnit.SECONDS), "the writer put a screen out");
                assertEquals(List.of("Refused", "Pass revoked"), display.lines(revoked));
                int bytes = 0;
                while (i2c.read() != -1) {
                    bytes++;
                }
                // Reset: 4 nibbles; 3 commands and clear: 8 nibbles; 2 rows: 2 × (1 + 16) × 2 nibbles; 2 writes a nibble.
                assertEquals(2 * (4 + 8 + 2 * 17 * 2), bytes);
            } finally {
                display.close();
            }
        } finally {
            context.shutdown();
        }
    }

    @Test
    void chineseConfigured_theCharacterLcdShowsEnglish_sinceItsRomHasNoCjkGlyphs() {
        Context context = GpioContexts.simulated();
        try {
            I2C i2c = context.create(I2C.newConfigBuilder(context).id("lcd").bus(1).device(0x27));
            LcdDisplay display = new LcdDisplay(new Hd44780(i2c, 16, 2, nanos -> { }), DisplayLanguage.of(io.limen.config.DisplayConfig.Language.ZH));
            try {
                Decision revoked = Decision.denied(Reason.REVOKED, Optional.empty(), "revoked");
                assertEquals(List.of("Refused", "Pass revoked"), display.lines(revoked));
                assertEquals(DisplayLanguage.CHINESE, DisplayLanguage.of(io.limen.config.DisplayConfig.Language.ZH));
                assertEquals(DisplayLanguage.ENGLISH, DisplayLanguage.of(io.limen.config.DisplayConfig.Language.EN));
                assertEquals(DisplayLanguage.ENGLISH, DisplayLanguage.CHINESE.onCharacterLcd());
            } finally {
                display.close();
            }
        } finally {
            context.shutdown();
        }
    }

    @Test
    void aDegradedGrant_showsItsWarning_on16x2And20x4() {
        Context context = GpioContexts.simulated();
        try {
            I2C i2c = context.create(I2C.newConfigBuilder(context).id("lcd").bus(1).device(0x27));
            Decision stale = new Decision.Granted(MessagesTest.holder(Optional.of("Ada")), List.of(Reason.LISTS_STALE));
            try (LcdDisplay small = new LcdDisplay(new Hd44780(i2c, 16, 2, nanos -> { }));
                 LcdDisplay large = new LcdDisplay(new Hd44780(i2c, 20, 4, nanos -> { }))) {
                assertEquals(List.of("Welcome", "! Lists outdated"), small.lines(stale));
                assertEquals(List.of("Welcome", "Ada", "Please pass", "! Lists outdated"), large.lines(stale));
            }
        } finally {
            context.shutdown();
        }
    }
}
