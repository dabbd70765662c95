package io.limen.agent.display;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * A bitmap font in GNU Unifont's {@code .hex} format, read at run time from Debian's {@code unifont}
 * package ({@code /usr/share/unifont/unifont.hex}, 57,086 glyphs of the Basic Multilingual Plane in
 * version 1:15.0.01-2); Limen ships no copy of it.
 *
 * <p>The format, one glyph a line: the code point in 4 to 6 hex digits, a colon, and the bitmap in hex —
 * 32 digits for an 8×16 glyph, 64 for a 16×16 one — rows top first, each row's leftmost pixel in its
 * most significant bit: {@code 0041:0000000018242442427E424242420000} is "A". Lines end in LF (a CR
 * before it is allowed); code points must ascend, as Unifont writes them, so a lookup is a binary search.
 *
 * <p>The file is hostile input like any file a config names: it is refused unread above
 * {@link #MAX_BYTES}, a line longer than {@link #MAX_LINE_BYTES} is refused without being kept, and the
 * first bad line ends the read with its number and a shortened copy ({@link FontLoad.Refused}); nothing
 * throws. Memory is the glyphs' bitmaps plus 8 bytes a glyph (about 2 MB for Unifont).
 *
 * <p>Immutable and thread-safe once read.
 */
public final class HexFont {

    /** The largest font file read: Unifont's BMP file is 3.7 MB, with the upper planes about 7 MB. */
    public static final long MAX_BYTES = 8L << 20;
    /** The longest line: 6 code point digits, a colon, 64 bitmap digits, CR. */
    public static final int MAX_LINE_BYTES = 6 + 1 + 64 + 1;
    /** Bytes of the shortest line with its LF: 4 digits, a colon, 32 digits. */
    private static final int MIN_LINE_BYTES = 4 + 1 + 32 + 1;

    private final int[] codepoints;
    /** Glyph i's bitmap is {@code bitmaps[offsets[i] .. offsets[i + 1])}: 16 bytes when 8 wide, 32 when 16. */
    private final int[] offsets;
    private final byte[] bitmaps;

    private HexFont(int[] codepoints, int[] offsets, byte[] bitmaps) {
        this.codepoints = codepoints;
        this.offsets = offsets;
        this.bitmaps = bitmaps;
    }

    /** The glyph for {@code codepoint}, or empty when the font has none. */
    public Optional<Glyph> glyph(int codepoint) {
        int i = Arrays.binarySearch(codepoints, codepoint);
        if (i < 0) {
            return Optional.empty();
        }
        int length = offsets[i + 1] - offsets[i];
        return Optional.of(new Glyph(codepoint, length == 16 ? 8 : 16, Arrays.copyOfRange(bitmaps, offsets[i], offsets[i + 1])));
    }

    /** The number of glyphs. */
    public int size() {
        return codepoints.length;
    }

    /**
     * The glyphs Limen carries itself: printable ASCII (U+0020..U+007E) and U+FFFD, taken unaltered from
     * GNU Unifont 15.0.01 under the SIL Open Font License 1.1 ({@code unifont-ascii.hex} beside this
     * class, its licence in {@code unifont-ascii.LICENSE.txt}). The OLED shows English with them when
     * {@code display.font} cannot be read.
     */
    public static HexFont builtIn() {
        try (InputStream in = HexFont.class.getResourceAsStream("unifont-ascii.hex")) {
            if (in == null) {
                throw new IllegalStateException("unifont-ascii.hex is missing from the agent's jar");
            }
            return switch (read(in, "unifont-ascii.hex (built in)", 4096)) {
                case FontLoad.Loaded loaded -> loaded.font();
                case FontLoad.Refused refused -> throw new IllegalStateException("the built-in font is broken: " + refused);
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads {@code file}; never throws for what the file holds or lacks. */
    public static FontLoad read(Path file) {
        if (!Files.exists(file)) {
            return new FontLoad.Refused(FontLoad.Problem.MISSING, file + " does not exist (Debian's unifont package: apt-get install unifont)");
        }
        if (!Files.isRegularFile(file)) {
            return new FontLoad.Refused(FontLoad.Problem.NOT_A_FILE, file + " is not a file");
        }
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                return new FontLoad.Refused(FontLoad.Problem.TOO_LARGE, file + " is " + size + " bytes — at most " + MAX_BYTES);
            }
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                return read(in, file.toString(), size);
            }
        } catch (NoSuchFileException e) {
            return new FontLoad.Refused(FontLoad.Problem.MISSING, file + " does not exist (Debian's unifont package: apt-get install unifont)");
        } catch (IOException e) {
            return new FontLoad.Refused(FontLoad.Problem.UNREADABLE, file + " could not be read: " + e);
        }
    }

    /**
     * Reads a font from {@code in}, at most {@link #MAX_BYTES} of it.
     *
     * @param name     the source, for messages
     * @param sizeHint the expected size in bytes, to size the tables (a wrong hint costs a copy, nothing else)
     * @throws IOException only what {@code in} throws
     */
    static FontLoad read(InputStream in, String name, long sizeHint) throws IOException {
        Builder builder = new Builder((int) Math.min(Math.max(sizeHint, 0), MAX_BYTES) / MIN_LINE_BYTES + 1);
        byte[] chunk = new byte[1 << 16];
        byte[] line = new byte[MAX_LINE_BYTES];
        int length = 0;
        int lineNumber = 1;
        long total = 0;
        for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
            total += n;
            if (total > MAX_BYTES) {
                return new FontLoad.Refused(FontLoad.Problem.TOO_LARGE, name + " holds more than " + MAX_BYTES + " bytes");
            }
            for (int i = 0; i < n; i++) {
                byte b = chunk[i];
                if (b == '\n') {
                    String problem = builder.line(line, length, lineNumber);
                    if (problem != null) {
                        return malformed(name, lineNumber, problem, line, length);
                    }
                    length = 0;
                    lineNumber++;
                } else if (length == MAX_LINE_BYTES) {
                    return malformed(name, lineNumber, "longer than " + MAX_LINE_BYTES + " bytes", line, length);
                } else {
                    line[length++] = b;
                }
            }
        }
        if (length > 0) {
            String problem = builder.line(line, length, lineNumber);
            if (problem != null) {
                return malformed(name, lineNumber, problem, line, length);
            }
        }
        if (builder.count == 0) {
            return new FontLoad.Refused(FontLoad.Problem.MALFORMED, name + " holds no glyph");
        }
        return new FontLoad.Loaded(builder.build());
    }

    private static FontLoad.Refused malformed(String name, int lineNumber, String problem, byte[] line, int length) {
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < Math.min(length, 40); i++) {
            shown.append(line[i] >= 0x20 && line[i] < 0x7F ? (char) line[i] : '?');
        }
        return new FontLoad.Refused(FontLoad.Problem.MALFORMED, name + " line " + lineNumber + ": " + problem + ", but was \""
                + shown + (length > 40 ? "..." : "") + "\"");
    }

    /** The tables as lines arrive; grows by doubling. */
    private static final class Builder {
        private static final String FORMAT = "must be CODEPOINT:BITMAP (4 to 6 hex digits, a colon, 32 or 64 hex digits)";

        int count;
        private int[] codepoints;
        private int[] offsets;
        private byte[] bitmaps;
        private int used;

        Builder(int expected) {
            codepoints = new int[expected];
            offsets = new int[expected + 1];
            bitmaps = new byte[expected * 32];
        }

        /** Adds one line; the problem with it, or null. A blank line is skipped. */
        String line(byte[] line, int length, int number) {
            if (length > 0 && line[length - 1] == '\r') {
                length--;
            }
            if (length == 0) {
                return null;
            }
            int colon = -1;
            for (int i = 0; i < length; i++) {
                if (line[i] == ':') {
                    colon = i;
                    break;
                }
            }
            int digits = length - colon - 1;
            if (colon < 4 || colon > 6 || (digits != 32 && digits != 64)) {
                return FORMAT;
            }
            int codepoint = 0;
            for (int i = 0; i < colon; i++) {
                int d = hex(line[i]);
                if (d < 0) {
                    return FORMAT;
                }
                codepoint = codepoint << 4 | d;
            }
            if (codepoint > Character.MAX_CODE_POINT) {
                return "code point beyond U+10FFFF";
            }
            if (count > 0 && codepoint <= codepoints[count - 1]) {
                return String.format("code points must ascend, U+%04X came after U+%04X", codepoint, codepoints[count - 1]);
            }
            if (count == codepoints.length) {
                codepoints = Arrays.copyOf(codepoints, count * 2);
                offsets = Arrays.copyOf(offsets, count * 2 + 1);
            }
            if (used + digits / 2 > bitmaps.length) {
                bitmaps = Arrays.copyOf(bitmaps, Math.max(bitmaps.length * 2, used + digits / 2));
            }
            for (int i = colon + 1; i < length; i += 2) {
                int high = hex(line[i]);
                int low = hex(line[i + 1]);
                if (high < 0 || low < 0) {
                    return FORMAT;
                }
                bitmaps[used + (i - colon - 1) / 2] = (byte) (high << 4 | low);
            }
            codepoints[count] = codepoint;
            offsets[count] = used;
            used += digits / 2;
            count++;
            return null;
        }

        HexFont build() {
            int[] ends = Arrays.copyOf(offsets, count + 1);
            ends[count] = used;
            return new HexFont(Arrays.copyOf(codepoints, count), ends, Arrays.copyOf(bitmaps, used));
        }

        private static int hex(byte b) {
            if (b >= '0' && b <= '9') {
                return b - '0';
            }
            if (b >= 'A' && b <= 'F') {
                return b - 'A' + 10;
            }
            if (b >= 'a' && b <= 'f') {
                return b - 'a' + 10;
            }
            return -1;
        }
    }
}
