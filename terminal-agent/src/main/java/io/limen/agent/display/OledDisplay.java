package io.limen.agent.display;

import io.limen.agent.policy.Decision;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entrance's 128×64 OLED ({@link Ssd1306}): the newest decision drawn by {@link OledScreen}, written
 * by its own daemon thread so the admit thread never waits on the font or the I2C bus. One slot, newest
 * wins. The writer first reads the font ({@code display.font}: Unifont's 3.7 MB takes tens of
 * milliseconds here, more on a Pi, so not on the start-up path), then initialises the controller; a font
 * that cannot be read is logged once with its reason and the screen speaks English with the built-in
 * glyphs. Each screen is one render and a flush of the pages that changed.
 */
public final class OledDisplay implements Display, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OledDisplay.class);

    private final Ssd1306 oled;
    private final Supplier<FontLoad> font;
    private final DisplayLanguage language;
    private final Framebuffer image = new Framebuffer();
    private final NewestDecisionWriter writer;
    private volatile OledScreen screen;

    /**
     * @param oled     initialised on the writer thread before the first message
     * @param language {@code display.language}
     * @param font     reads {@code display.font} ({@code () -> HexFont.read(path)}), on the writer thread
     */
    public OledDisplay(Ssd1306 oled, DisplayLanguage language, Supplier<FontLoad> font) {
        this.oled = Objects.requireNonNull(oled, "oled must not be null");
        this.language = Objects.requireNonNull(language, "language must not be null");
        this.font = Objects.requireNonNull(font, "font must not be null");
        writer = new NewestDecisionWriter("OLED", this::open);
    }

    @Override
    public void show(Decision decision) {
        writer.offer(decision);
    }

    /** The screen in use once the writer has read the font; null before. */
    public OledScreen screen() {
        return screen;
    }

    /** On the writer thread: reads the font, then initialises the controller; returns what draws one decision. */
    private Consumer<Decision> open() {
        FontLoad loaded;
        try {
            loaded = font.get();
        } catch (RuntimeException e) {
            // HexFont.read returns its refusals; anything else (a SecurityException) must not end the writer unseen.
            loaded = new FontLoad.Refused(FontLoad.Problem.UNREADABLE, e.toString());
        }
        OledScreen ready = OledScreen.of(loaded, language);
        ready.fallback().ifPresent(refused -> log.warn("display.font not used ({}); the OLED shows English with its built-in glyphs",
                refused));
        screen = ready;
        oled.init();
        return decision -> {
            ready.render(decision, image);
            oled.flush(image);
        };
    }

    /** Stops the writer; a message not yet written is dropped. */
    @Override
    public void close() {
        writer.close();
    }
}
