package io.limen.agent.display;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.agent.policy.Decision;
import io.limen.format.Reason;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the OLED shows, decoded from the I2C bytes the driver sent (through {@link Ssd1306Model}) and
 * compared pixel by pixel with the font's own glyph bitmaps at the cells they belong in.
 */
class OledScreenTest {

    private static final HexFont UNIFONT = ((FontLoad.Loaded) HexFont.read(HexFontTest.UNIFONT)).font();

    @TempDir
    Path dir;

    private static Decision grant(String name, Reason... warnings) {
        return new Decision.Granted(MessagesTest.holder(Optional.ofNullable(name)), List.of(warnings));
    }

    /** The panel's pixels after rendering {@code decision} and flushing it through the driver. */
    private static Ssd1306Model shown(OledScreen screen, Decision decision) {
        Ssd1306Model panel = new Ssd1306Model();
        Ssd1306 oled = new Ssd1306(panel);
        oled.init();
        Framebuffer image = new Framebuffer();
        screen.render(decision, image);
        oled.flush(image);
        return panel;
    }

    /** The expected panel: each row's text drawn glyph by glyph from {@code font}, 16 pixels a row. */
    private static boolean[][] expected(HexFont font, List<String> rows) {
        boolean[][] pixels = new boolean[128][64];
        for (int row = 0; row < rows.size(); row++) {
            int x = 0;
            for (int c : rows.get(row).codePoints().toArray()) {
                Glyph glyph = font.glyph(c).orElseThrow();
                for (int gy = 0; gy < 16; gy++) {
                    for (int gx = 0; gx < glyph.width(); gx++) {
                        pixels[x + gx][row * 16 + gy] = glyph.pixel(gx, gy);
                    }
                }
                x += glyph.width();
            }
        }
        return pixels;
    }

    private static void assertPanel(boolean[][] expected, Ssd1306Model panel) {
        int lit = 0;
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 128; x++) {
                assertEquals(expected[x][y], panel.pixel(x, y), "pixel (" + x + ", " + y + ")");
                lit += expected[x][y] ? 1 : 0;
            }
        }
        assertTrue(lit > 100, "the message lights pixels, " + lit);
    }

    @Test
    void chineseDenial_isUnifontsGlyphs_atTheirCells() {
        OledScreen screen = OledScreen.of(new FontLoad.Loaded(UNIFONT), DisplayLanguage.CHINESE);
        Decision expired = Decision.denied(Reason.EXPIRED, Optional.empty(), "expired");
        assertEquals(List.of("拒绝通行", "通行证已过期", "", ""), screen.rows(expired));
        // 拒 at x 0..15 of row 0, 绝 at 16..31, ...; 通 at x 0..15 of row 1 (y 16..31), ...
        assertPanel(expected(UNIFONT, List.of("拒绝通行", "通行证已过期")), shown(screen, expired));
    }

    @Test
    void chineseGrant_showsTheName_pleasePass_andTheWarningLine_mixedWidths() {
        OledScreen screen = OledScreen.of(new FontLoad.Loaded(UNIFONT), DisplayLanguage.CHINESE);
        Decision granted = grant("Ada 张", Reason.LISTS_STALE);
        List<String> rows = List.of("欢迎", "Ada 张", "请通行", "！名单已过期");
        assertEquals(rows, screen.rows(granted));
        assertPanel(expected(UNIFONT, rows), shown(screen, granted));
        assertEquals(List.of("欢迎", "张伟", "请通行", "！名单和时钟异常"),
                screen.rows(grant("张伟", Reason.CLOCK_UNSYNCED, Reason.LISTS_STALE)));
    }

    @Test
    void aLongName_isCutByCells_andAFullWidthGlyphIsNeverSplit() {
        OledScreen screen = OledScreen.of(new FontLoad.Loaded(UNIFONT), DisplayLanguage.CHINESE);
        // 15 half-width cells, then 张 would take cells 16 and 17: left out whole, the 16th cell stays dark.
        Decision granted = grant("Maximilian Ober张伟");
        assertEquals("Maximilian Ober", screen.rows(granted).get(1));
        Ssd1306Model panel = shown(screen, granted);
        for (int x = 120; x < 128; x++) {
            for (int y = 16; y < 32; y++) {
                assertFalse(panel.pixel(x, y), "cell 16 of row 2 is dark at (" + x + ", " + y + ")");
            }
        }
        assertEquals("诸葛亮诸葛亮诸葛", screen.rows(grant("诸葛亮诸葛亮诸葛亮")).get(1), "8 full-width glyphs fill 16 cells");
        assertEquals("Bartholomew-Fitz", screen.rows(grant("Bartholomew-Fitzwilliam")).get(1));
        // The name row is followed by "Please pass", so a name never wraps: it is cut.
        assertEquals("请通行", screen.rows(grant("Bartholomew-Fitzwilliam")).get(2));
    }

    @Test
    void aCharacterTheFontLacks_isDrawnAsTheReplacementGlyph() {
        OledScreen screen = OledScreen.of(new FontLoad.Loaded(UNIFONT), DisplayLanguage.ENGLISH);
        // U+1F600 (an emoji, outside the BMP file) and U+E000 (private use, not in Unifont): one replacement cell each.
        Decision granted = grant("Zoë \uD83D\uDE00\uE000");
        assertEquals("Zoë \uFFFD\uFFFD", screen.rows(granted).get(1));
        assertPanel(expected(UNIFONT, List.of("Welcome", "Zoë \uFFFD\uFFFD", "Please pass")), shown(screen, granted));
    }

    @Test
    void aLongEnglishReason_wrapsOntoTheEmptyRowBelow_atASpace() {
        OledScreen screen = OledScreen.of(new FontLoad.Loaded(UNIFONT), DisplayLanguage.ENGLISH);
        assertEquals(List.of("Refused", "Phone clock", "ahead", ""),
                screen.rows(Decision.denied(Reason.PRESENTATION_NOT_YET_VALID, Optional.empty(), "ahead")));
        assertEquals(List.of("Welcome", "Please pass", "", "! Clock not set"), screen.rows(grant(null, Reason.CLOCK_UNSYNCED)));
    }

    @Test
    void aMissingFont_fallsBackToEnglish_withTheBuiltInGlyphs() {
        FontLoad missing = HexFont.read(dir.resolve("unifont.hex"));
        OledScreen screen = OledScreen.of(missing, DisplayLanguage.CHINESE);
        assertEquals(DisplayLanguage.ENGLISH, screen.language());
        assertEquals(FontLoad.Problem.MISSING, screen.fallback().orElseThrow().problem());
        Decision expired = Decision.denied(Reason.EXPIRED, Optional.empty(), "expired");
        assertEquals(List.of("Refused", "Pass expired", "", ""), screen.rows(expired));
        assertPanel(expected(HexFont.builtIn(), List.of("Refused", "Pass expired")), shown(screen, expired));
        // A Chinese name has no built-in glyphs: replacement boxes, one cell each.
        assertEquals("\uFFFD\uFFFD", screen.rows(grant("张伟")).get(1));
    }

    @Test
    void aFontWithoutTheLanguagesGlyphs_fallsBackToEnglish_namingTheFirstMissing() {
        // A Latin-only font (the built-in glyphs as a file would be) configured for Chinese.
        OledScreen screen = OledScreen.of(new FontLoad.Loaded(HexFont.builtIn()), DisplayLanguage.CHINESE);
        assertEquals(DisplayLanguage.ENGLISH, screen.language());
        FontLoad.Refused why = screen.fallback().orElseThrow();
        assertEquals(FontLoad.Problem.LACKS_GLYPHS, why.problem());
        assertTrue(why.detail().startsWith("the font has no glyph for U+") && why.detail().endsWith("which the zh texts use"), why.detail());
        assertEquals(List.of("Refused", "Pass expired", "", ""), screen.rows(Decision.denied(Reason.EXPIRED, Optional.empty(), "expired")));
        assertEquals(Optional.empty(), OledScreen.of(new FontLoad.Loaded(HexFont.builtIn()), DisplayLanguage.ENGLISH).fallback());
    }

    @Test
    void theDisplaysWriterThread_readsTheFont_initialises_andDrawsTheNewestDecision() throws Exception {
        Ssd1306Model panel = new Ssd1306Model();
        CountDownLatch writes = new CountDownLatch(3); // init; the first flush: one window, one data transaction
        Ssd1306 oled = new Ssd1306((buffer, offset, length) -> {
            panel.write(buffer, offset, length);
            writes.countDown();
        });
        Path broken = java.nio.file.Files.writeString(dir.resolve("broken.hex"), "not a font\n");
        try (OledDisplay display = new OledDisplay(oled, DisplayLanguage.CHINESE, () -> HexFont.read(broken))) {
            display.show(Decision.denied(Reason.REVOKED, Optional.empty(), "revoked"));
            assertTrue(writes.await(10, TimeUnit.SECONDS), "the writer initialised the panel and flushed a screen");
            assertEquals(FontLoad.Problem.MALFORMED, display.screen().fallback().orElseThrow().problem());
            assertTrue(panel.on);
            assertPanel(expected(HexFont.builtIn(), List.of("Refused", "Pass revoked")), panel);
        }
    }

    @Test
    void aScreenRedrawn_sendsOnlyThePagesThatCameOutDifferent() {
        OledScreen screen = OledScreen.of(new FontLoad.Loaded(UNIFONT), DisplayLanguage.CHINESE);
        Ssd1306Model panel = new Ssd1306Model();
        Ssd1306 oled = new Ssd1306(panel);
        oled.init();
        Framebuffer image = new Framebuffer();
        screen.render(Decision.denied(Reason.EXPIRED, Optional.empty(), "expired"), image);
        assertEquals(8, oled.flush(image), "the first screen: the whole panel");
        screen.render(Decision.denied(Reason.EXPIRED, Optional.empty(), "expired"), image);
        assertEquals(0, oled.flush(image), "the same screen again: nothing");
        screen.render(Decision.denied(Reason.REVOKED, Optional.empty(), "revoked"), image);
        // Same headline (pages 0-1), another reason (pages 2-3), rows 3 and 4 empty in both (pages 4-7).
        assertEquals(2, oled.flush(image));
        assertArrayEquals(new byte[] {0x00, 0x21, 0x00, 0x7F, 0x22, 0x02, 0x03}, panel.transactions.get(panel.transactions.size() - 2));
        assertPanel(expected(UNIFONT, List.of("拒绝通行", "通行证已吊销")), panel);
    }

    @Test
    void aFontReaderThatThrows_leavesTheWriterShowingEnglish() throws Exception {
        Ssd1306Model panel = new Ssd1306Model();
        CountDownLatch writes = new CountDownLatch(3);
        Ssd1306 oled = new Ssd1306((buffer, offset, length) -> {
            panel.write(buffer, offset, length);
            writes.countDown();
        });
        try (OledDisplay display = new OledDisplay(oled, DisplayLanguage.CHINESE, () -> {
            throw new SecurityException("no read permission");
        })) {
            display.show(Decision.denied(Reason.EXPIRED, Optional.empty(), "expired"));
            assertTrue(writes.await(10, TimeUnit.SECONDS));
            assertEquals("font_unreadable: java.lang.SecurityException: no read permission", display.screen().fallback().orElseThrow().toString());
            assertPanel(expected(HexFont.builtIn(), List.of("Refused", "Pass expired")), panel);
        }
    }
}
