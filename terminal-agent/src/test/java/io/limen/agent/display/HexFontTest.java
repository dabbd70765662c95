package io.limen.agent.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading Unifont's .hex format: glyphs as written, and every kind of bad file refused with its reason. */
class HexFontTest {

    /** Debian's unifont package (.ci/run installs it). */
    static final Path UNIFONT = Path.of("/usr/share/unifont/unifont.hex");

    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("font.hex"), text, StandardCharsets.US_ASCII);
    }

    private static FontLoad.Refused refused(FontLoad load) {
        return assertInstanceOf(FontLoad.Refused.class, load, () -> "refused, but was " + load);
    }

    @Test
    void narrowAndWideGlyphs_areReadAsWritten() throws IOException {
        // 'A' from Unifont (8x16), and U+6B22 欢 (16x16), CRLF on one line.
        HexFont font = ((FontLoad.Loaded) HexFont.read(write("0041:0000000018242442427E424242420000\r\n"
                + "6B22:00800080FC8004FC050449082A401440104028A024A045108110020804040802\n"))).font();
        assertEquals(2, font.size());
        Glyph a = font.glyph('A').orElseThrow();
        assertEquals(8, a.width());
        assertEquals(1, a.cells());
        // Row 4 is 0x18: pixels 3 and 4 lit.
        assertTrue(a.pixel(3, 4) && a.pixel(4, 4) && !a.pixel(2, 4) && !a.pixel(5, 4));
        Glyph huan = font.glyph(0x6B22).orElseThrow();
        assertEquals(16, huan.width());
        assertEquals(2, huan.cells());
        // Row 0 is 0x0080: only pixel 8 lit.
        assertTrue(huan.pixel(8, 0) && !huan.pixel(7, 0) && !huan.pixel(9, 0));
        assertEquals(Optional.empty(), font.glyph('B'));
    }

    @Test
    void debiansUnifont_hasAWideGlyphForEveryCharacterOfTheChineseTexts() {
        HexFont font = ((FontLoad.Loaded) HexFont.read(UNIFONT)).font();
        assertEquals(57086, font.size(), "unifont 1:15.0.01-2's BMP file");
        ResourceBundle zh = ResourceBundle.getBundle("io.limen.agent.display.messages", java.util.Locale.SIMPLIFIED_CHINESE,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        for (String key : zh.keySet()) {
            zh.getString(key).codePoints().forEach(c -> assertTrue(font.glyph(c).isPresent(),
                    () -> key + ": no glyph for U+" + Integer.toHexString(c)));
        }
        assertEquals(16, font.glyph('欢').orElseThrow().width());
        assertEquals(8, font.glyph(OledScreen.REPLACEMENT).orElseThrow().width());
    }

    @Test
    void theBuiltInGlyphs_arePrintableAsciiAndTheReplacement_unalteredFromUnifont() {
        HexFont builtIn = HexFont.builtIn();
        HexFont unifont = ((FontLoad.Loaded) HexFont.read(UNIFONT)).font();
        assertEquals(96, builtIn.size());
        for (int c = 0x20; c <= 0x7E; c++) {
            assertEquals(java.util.HexFormat.of().formatHex(unifont.glyph(c).orElseThrow().rows()),
                    java.util.HexFormat.of().formatHex(builtIn.glyph(c).orElseThrow().rows()), "U+" + Integer.toHexString(c));
        }
        assertTrue(builtIn.glyph(OledScreen.REPLACEMENT).isPresent());
        assertEquals(Optional.empty(), builtIn.glyph('欢'));
    }

    @Test
    void aMissingFile_isRefusedAsMissing_namingThePackage() {
        FontLoad.Refused refused = refused(HexFont.read(dir.resolve("nope.hex")));
        assertEquals(FontLoad.Problem.MISSING, refused.problem());
        assertTrue(refused.detail().contains("nope.hex does not exist") && refused.detail().contains("apt-get install unifont"), refused.detail());
        assertEquals(FontLoad.Problem.NOT_A_FILE, refused(HexFont.read(dir)).problem());
    }

    @Test
    void aHugeFile_isRefusedUnread_inBoundedTime() throws IOException {
        Path huge = dir.resolve("huge.hex");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(2L << 30); // 2 GiB, sparse: nothing to read is written
        }
        FontLoad.Refused refused = assertTimeoutPreemptively(Duration.ofSeconds(1), () -> refused(HexFont.read(huge)));
        assertEquals(FontLoad.Problem.TOO_LARGE, refused.problem());
        assertTrue(refused.detail().endsWith("is 2147483648 bytes — at most 8388608"), refused.detail());
    }

    @Test
    void aStreamLongerThanItsSize_isCutAtTheCap() throws IOException {
        java.io.InputStream endless = new java.io.InputStream() {
            @Override
            public int read() {
                return '\n';
            }
        };
        FontLoad.Refused refused = refused(HexFont.read(endless, "a pipe", 0));
        assertEquals(FontLoad.Problem.TOO_LARGE, refused.problem());
        assertEquals("a pipe holds more than 8388608 bytes", refused.detail());
    }

    @Test
    void oneLongLine_isRefusedAtItsLimit_withoutBeingKept() throws IOException {
        Path file = dir.resolve("one-line.hex");
        Files.write(file, "0041:".concat("0".repeat(7_000_000)).getBytes(StandardCharsets.US_ASCII));
        FontLoad.Refused refused = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> refused(HexFont.read(file)));
        assertEquals(FontLoad.Problem.MALFORMED, refused.problem());
        assertTrue(refused.detail().contains("line 1: longer than 72 bytes, but was \"0041:00000"), refused.detail());
    }

    @Test
    void malformedLines_areRefusedWithTheirNumberAndText() throws IOException {
        String good = "0041:0000000018242442427E424242420000\n";
        assertMalformed(good + "0042 0000000018242442427E424242420000\n", "line 2: must be CODEPOINT:BITMAP");
        assertMalformed(good + "0042:0000000018242442427E42424242000\n", "line 2: must be CODEPOINT:BITMAP");
        assertMalformed(good + "0042:0000000018242442427E42424242000G\n", "line 2: must be CODEPOINT:BITMAP");
        assertMalformed(good + "00G2:0000000018242442427E424242420000\n", "line 2: must be CODEPOINT:BITMAP");
        assertMalformed(good + "110000:0000000018242442427E424242420000\n", "line 2: code point beyond U+10FFFF");
        assertMalformed(good + "0040:0000000018242442427E424242420000\n", "line 2: code points must ascend, U+0040 came after U+0041");
        assertMalformed(good + good, "line 2: code points must ascend, U+0041 came after U+0041");
        assertMalformed(good + "004\u00e9:0000000018242442427E424242420000\n", "but was \"004??:");
        assertMalformed("", "holds no glyph");
        assertMalformed("\n\n", "holds no glyph");
    }

    private void assertMalformed(String text, String expected) throws IOException {
        Path file = Files.write(dir.resolve("bad.hex"), text.getBytes(StandardCharsets.UTF_8));
        FontLoad.Refused refused = refused(HexFont.read(file));
        assertEquals(FontLoad.Problem.MALFORMED, refused.problem());
        assertTrue(refused.detail().contains(expected), () -> "expected \"" + expected + "\" in: " + refused.detail());
        assertEquals("font_malformed", refused.problem().code());
    }
}
