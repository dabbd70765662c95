package io.limen.format.credential;

import java.text.Normalizer;
import java.util.Optional;

/**
 * The one rule for a credential's texts — issuer, subject, each zone, the display name — applied
 * wherever one is typed, read from a trust file, signed, or read back from a credential: 1 to 256 bytes
 * of UTF-8, in Unicode NFC, with no control character (line breaks, tabs, NUL...), no bidirectional
 * formatting character and no blank at either end.
 *
 * <p>Why each part: texts are compared byte for byte (a key's {@code Issuer:} binding, a terminal's
 * zone) and hashed (the revocation key), so two spellings of one text (NFC and NFD "é", a trailing
 * blank, an invisible direction mark) would silently be two texts; a line break cannot survive a trust
 * file's {@code Issuer:} line or the scan log; 256 bytes bounds what a terminal reads.
 *
 * <p>What a person types and what a trust file holds is first brought to NFC ({@link #normalize}); a
 * credential's claims must already be in it, as every issuer that follows the format writes them.
 */
public final class ClaimText {

    /** The most UTF-8 bytes one text may have. */
    public static final int MAX_BYTES = 256;
    /** The rule in words, for messages: "ISSUER must be " + RULE + ", but ...". */
    public static final String RULE = "1.." + MAX_BYTES + " bytes of UTF-8 text on one line, without control characters"
            + " or blanks at either end";

    private ClaimText() {
    }

    /** {@code text} in Unicode NFC: what a person typed or a file holds, in the one form texts are compared in. */
    public static String normalize(String text) {
        return isPlainlyNfc(text) ? text : Normalizer.normalize(text, Normalizer.Form.NFC);
    }

    /**
     * What is wrong with {@code text}, e.g. "it ends with a blank (U+0020)"; empty when it follows
     * the rule. For hostile input: never throws.
     */
    public static Optional<String> problem(String text) {
        if (text.isEmpty()) {
            return Optional.of("it is empty");
        }
        int bytes = utf8Length(text);
        if (bytes > MAX_BYTES) {
            return Optional.of("it is " + bytes + " bytes");
        }
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (isForbidden(c)) {
                return Optional.of("it holds " + name(c) + " at character " + (text.codePointCount(0, i) + 1));
            }
            i += Character.charCount(c);
        }
        int first = text.codePointAt(0);
        if (isBlank(first)) {
            return Optional.of("it starts with a blank (" + hex(first) + ")");
        }
        int last = text.codePointBefore(text.length());
        if (isBlank(last)) {
            return Optional.of("it ends with a blank (" + hex(last) + ")");
        }
        if (!isPlainlyNfc(text) && !Normalizer.isNormalized(text, Normalizer.Form.NFC)) {
            return Optional.of("it is not in Unicode NFC (composed form)");
        }
        return Optional.empty();
    }

    /**
     * {@code text} unchanged if it follows the rule. For trusted input (code, and options already
     * normalized): a break is a caller's error.
     *
     * @param what names the text in the message, e.g. "--issuer" or "issuer"
     * @throws IllegalArgumentException "WHAT must be RULE, but PROBLEM: 'TEXT'"
     */
    public static String require(String what, String text) {
        Optional<String> problem = problem(text);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(what + " must be " + RULE + ", but " + problem.get() + ": " + shown(text));
        }
        return text;
    }

    /** The text quoted for a message: invisible and control characters as \\uXXXX, long texts cut. */
    public static String shown(String text) {
        StringBuilder out = new StringBuilder("'");
        text.codePoints().limit(80).forEach(c -> {
            if (c != ' ' && (isForbidden(c) || isBlank(c) || Character.getType(c) == Character.FORMAT)) {
                out.append(String.format("\\u%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        out.append('\'');
        return text.codePointCount(0, text.length()) > 80 ? out + "... (" + utf8Length(text) + " bytes)" : out.toString();
    }

    static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3; // a lone surrogate becomes '?' in UTF-8, but is refused before that matters
            }
        }
        return bytes;
    }

    /** Below U+0300 (where combining marks start) every text is already NFC: the common case costs no table look-up. */
    private static boolean isPlainlyNfc(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x300) {
                return false;
            }
        }
        return true;
    }

    private static boolean isForbidden(int c) {
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.SURROGATE || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || isBidiControl(c);
    }

    /** The characters that make a text display in another order than it compares ("Trojan Source", CVE-2021-42574). */
    private static boolean isBidiControl(int c) {
        return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }

    private static boolean isBlank(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    private static String name(int c) {
        if (c == '\n' || c == '\r' || Character.getType(c) == Character.LINE_SEPARATOR || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
            return "a line break (" + hex(c) + ")";
        }
        if (Character.getType(c) == Character.SURROGATE) {
            return "a lone surrogate (" + hex(c) + "), not text";
        }
        if (isBidiControl(c)) {
            return "a bidirectional formatting character (" + hex(c) + ")";
        }
        return "a control character (" + hex(c) + ")";
    }

    private static String hex(int c) {
        return String.format("U+%04X", c);
    }
}
