package io.limen.agent.display;

import io.limen.agent.policy.Decision;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the OLED shows for a decision, drawn into a {@link Framebuffer}: 4 rows of 16 half-width cells,
 * each row 16 pixels tall. A half-width glyph (8×16: Latin, digits) takes one cell, a full-width one
 * (16×16: Chinese) two. The texts are {@link Messages#lines(Decision, int)} for 4 rows in the configured
 * language: headline, the holder's name or the reason's text, "Please pass" under a name, and the
 * warning line of a degraded grant at the bottom.
 *
 * <p>A row is cut at the last whole glyph that fits its 16 cells — a full-width glyph that would take
 * the 16th and a 17th cell is left out, never drawn in half. A text too long for its row continues on
 * the next row when that row is empty (after the last space that fits, if there is one), so a long
 * reason wraps instead of losing its end. A character the font has no glyph for is drawn as the font's
 * U+FFFD (a box with a question mark in Unifont), or the built-in one when the font lacks that too.
 * A holder's name reaches it as the credential layer admits it ({@code ClaimText}: NFC, one line, no
 * control characters, at most 256 bytes), and the cut at 16 cells bounds the work whatever its length.
 *
 * <p>Without a usable font ({@link #of}: refused, or lacking a glyph the language's texts need), the
 * screen speaks English with the glyphs Limen carries ({@link HexFont#builtIn}): a terminal with a
 * missing or broken {@code display.font} still says "Refused / Pass expired", never nothing. Not thread-safe (the writer thread owns it).
 */
public final class OledScreen {

    /** Half-width cells a row: 128 pixels / 8. */
    public static final int CELLS = Framebuffer.WIDTH / 8;
    /** Rows: 64 pixels / 16. */
    public static final int ROWS = Framebuffer.HEIGHT / Glyph.HEIGHT;
    /** The replacement character, drawn for what the font lacks. */
    public static final int REPLACEMENT = 0xFFFD;

    private final HexFont font;
    private final Glyph replacement;
    private final DisplayLanguage language;
    private final Messages messages;
    private final Optional<FontLoad.Refused> fallback;

    private OledScreen(HexFont font, DisplayLanguage language, Optional<FontLoad.Refused> fallback) {
        this.font = font;
        this.replacement = font.glyph(REPLACEMENT).orElseGet(() -> BuiltIn.FONT.glyph(REPLACEMENT).orElseThrow());
        this.language = language;
        this.messages = new Messages(language);
        this.fallback = fallback;
    }

    /**
     * The screen for {@code display.language} with the font {@code display.font} gave: that language
     * when the font loaded; English with the built-in glyphs when it was refused.
     */
    public static OledScreen of(FontLoad font, DisplayLanguage language) {
        Objects.requireNonNull(language, "language must not be null");
        FontLoad usable = switch (Objects.requireNonNull(font, "font must not be null")) {
            case FontLoad.Loaded loaded -> lacking(loaded.font(), language).<FontLoad>map(c -> new FontLoad.Refused(
                    FontLoad.Problem.LACKS_GLYPHS, String.format("the font has no glyph for U+%04X (%s), which the %s texts use", c,
                            Character.toString(c), language.locale().getLanguage()))).orElse(loaded);
            case FontLoad.Refused refused -> refused;
        };
        return switch (usable) {
            case FontLoad.Loaded loaded -> new OledScreen(loaded.font(), language, Optional.empty());
            case FontLoad.Refused refused -> new OledScreen(BuiltIn.FONT, DisplayLanguage.ENGLISH, Optional.of(refused));
        };
    }

    /** The first character of the language's texts the font has no glyph for. */
    private static Optional<Integer> lacking(HexFont font, DisplayLanguage language) {
        return new Messages(language).texts().stream().flatMapToInt(String::codePoints).filter(c -> font.glyph(c).isEmpty())
                .boxed().findFirst();
    }

    /** The language it shows: the configured one, or English after a refused font. */
    public DisplayLanguage language() {
        return language;
    }

    /** Why the configured font is not used, when it is not. */
    public Optional<FontLoad.Refused> fallback() {
        return fallback;
    }

    /** The text of each of the 4 rows as drawn for {@code decision}: cut, wrapped, missing glyphs as U+FFFD. */
    public List<String> rows(Decision decision) {
        return layout(messages.lines(decision, ROWS)).stream().map(row -> {
            StringBuilder text = new StringBuilder();
            row.forEach(g -> text.appendCodePoint(g.codepoint()));
            return text.toString();
        }).toList();
    }

    /** Draws {@code decision}'s rows into {@code image}, replacing what it held. */
    public void render(Decision decision, Framebuffer image) {
        draw(layout(messages.lines(decision, ROWS)), image);
    }

    /** Draws {@code lines} (at most 4; cut and wrapped as the class says) into {@code image}, replacing what it held. */
    public void render(List<String> lines, Framebuffer image) {
        draw(layout(lines), image);
    }

    private void draw(List<List<Glyph>> rows, Framebuffer image) {
        image.clear();
        for (int row = 0; row < rows.size(); row++) {
            int x = 0;
            for (Glyph glyph : rows.get(row)) {
                for (int gy = 0; gy < Glyph.HEIGHT; gy++) {
                    for (int gx = 0; gx < glyph.width(); gx++) {
                        if (glyph.pixel(gx, gy)) {
                            image.pixel(x + gx, row * Glyph.HEIGHT + gy, true);
                        }
                    }
                }
                x += glyph.width();
            }
        }
    }

    /** The glyphs of each row: the lines cut to 16 cells, an overflow carried to an empty next row. */
    List<List<Glyph>> layout(List<String> lines) {
        List<String> texts = new ArrayList<>(lines.subList(0, Math.min(lines.size(), ROWS)));
        while (texts.size() < ROWS) {
            texts.add("");
        }
        List<List<Glyph>> rows = new ArrayList<>();
        for (int row = 0; row < ROWS; row++) {
            String text = texts.get(row);
            List<Glyph> glyphs = new ArrayList<>();
            int cells = 0;
            int index = 0;
            while (index < text.length()) {
                int codepoint = text.codePointAt(index);
                Glyph glyph = glyph(codepoint);
                if (cells + glyph.cells() > CELLS) {
                    break;
                }
                glyphs.add(glyph);
                cells += glyph.cells();
                index += Character.charCount(codepoint);
            }
            if (index < text.length() && row + 1 < ROWS && texts.get(row + 1).isEmpty()) {
                int space = text.lastIndexOf(' ', index);
                if (space > 0) {
                    glyphs = glyphs.subList(0, text.codePointCount(0, space));
                    index = space + 1;
                }
                texts.set(row + 1, text.substring(index));
            }
            rows.add(glyphs);
        }
        return rows;
    }

    private Glyph glyph(int codepoint) {
        return font.glyph(codepoint).orElse(replacement);
    }

    /** The built-in glyphs, read once when first needed. */
    private static final class BuiltIn {
        static final HexFont FONT = HexFont.builtIn();
    }
}
