package io.limen.agent.display;

import io.limen.agent.policy.Decision;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entrance's character LCD ({@link Hd44780}): the newest decision's lines ({@link Messages#lines(Decision, int)},
 * with the warning line of a grant made in a degraded state), written by its own
 * daemon thread so the admit thread never waits on the I2C bus (a 16×2 screen is ~100 I2C writes and
 * a few ms). One slot, newest wins. The LCD has no CJK glyphs: in Chinese it shows the English text
 * (the language's own text goes to the OLED and the log); a holder's name in other scripts shows as
 * {@code ?} where the ROM has no glyph.
 */
public final class LcdDisplay implements Display, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LcdDisplay.class);

    private final Hd44780 lcd;
    private final Messages messages;
    private final NewestDecisionWriter writer;

    /** @param lcd initialised on the writer thread before the first message */
    public LcdDisplay(Hd44780 lcd) {
        this(lcd, DisplayLanguage.ENGLISH);
    }

    /**
     * @param lcd      initialised on the writer thread before the first message
     * @param language {@code display.language}; a language the LCD's ROM cannot show falls back to
     *                 English ({@link DisplayLanguage#onCharacterLcd}), said once in the log
     */
    public LcdDisplay(Hd44780 lcd, DisplayLanguage language) {
        this.lcd = Objects.requireNonNull(lcd, "lcd must not be null");
        DisplayLanguage shown = language.onCharacterLcd();
        if (shown != language) {
            log.info("display.language {} has no glyphs on the character LCD; it shows {}", language.locale().getLanguage(),
                    shown.locale().getLanguage());
        }
        this.messages = new Messages(shown);
        writer = new NewestDecisionWriter("LCD", () -> {
            lcd.init();
            return decision -> lcd.show(lines(decision));
        });
    }

    /** The lines the LCD shows for {@code decision}: its rows' worth, a degraded grant's warning included. */
    public List<String> lines(Decision decision) {
        return messages.lines(decision, lcd.rows());
    }

    @Override
    public void show(Decision decision) {
        writer.offer(decision);
    }

    /** Stops the writer; a message not yet written is dropped. */
    @Override
    public void close() {
        writer.close();
    }
}
