package io.limen.format.cose;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * PEM (RFC 7468) blocks, as openssl and every other tool writes them: a {@code -----BEGIN LABEL-----}
 * line, Base64 lines, and an {@code -----END LABEL-----} line with the same label. Text outside the
 * blocks is explanatory and ignored here; each block keeps the lines just before it, so that a trust
 * file can say whose key follows (see the credential layer's {@code TrustStore}). Line lengths do not
 * matter: a block means its decoded bytes, however its Base64 was wrapped.
 *
 * <p>Read line by line, in time linear in the text. A block that is not closed, not opened, closed
 * with another label or whose body is not Base64 is refused, never skipped.
 */
public final class Pem {

    /** Far more than any key or trust file needs; refused before it is read whole. */
    public static final long MAX_FILE_BYTES = 1 << 20;

    /** The label of a SubjectPublicKeyInfo block (RFC 7468 §13). */
    public static final String PUBLIC_KEY = "PUBLIC KEY";
    /** The label of an unencrypted PKCS#8 private key block (RFC 7468 §10). */
    public static final String PRIVATE_KEY = "PRIVATE KEY";

    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";

    /**
     * @param line       the line number (from 1) of its BEGIN line
     * @param textBefore the explanatory lines between the previous block (or the start) and this one
     */
    public record Block(String label, byte[] der, int line, List<String> textBefore) {
        public Block {
            textBefore = List.copyOf(textBefore);
        }

        /** Never prints the bytes. */
        @Override
        public String toString() {
            return "Pem.Block[" + label + ", " + der.length + " bytes, line " + line + "]";
        }
    }

    private Pem() {
    }

    /**
     * A whole PEM text: its blocks, and the explanatory lines after the last one.
     *
     * @param textAfterLine the line number (from 1) of the first of {@code textAfter}
     */
    public record Text(List<Block> blocks, List<String> textAfter, int textAfterLine) {
        public Text {
            blocks = List.copyOf(blocks);
            textAfter = List.copyOf(textAfter);
        }
    }

    /** Every block in {@code text}, in order. */
    public static List<Block> read(String text) {
        return parse(text).blocks();
    }

    /** Every block in {@code text}, in order, and the text after the last. */
    public static Text parse(String pem) {
        // A byte-order mark, as Windows editors write one, is not text of the file.
        String text = pem.startsWith("\uFEFF") ? pem.substring(1) : pem;
        List<Block> blocks = new ArrayList<>();
        List<String> outside = new ArrayList<>();
        String label = null;
        int beginLine = 0;
        StringBuilder body = new StringBuilder();
        int lineNumber = 0;
        for (String raw : (Iterable<String>) text.lines()::iterator) {
            lineNumber++;
            String line = raw.strip();
            int number = blocks.size() + 1;
            if (label == null) {
                if (line.startsWith(BEGIN)) {
                    label = label(line, BEGIN, number, lineNumber);
                    beginLine = lineNumber;
                    body.setLength(0);
                } else if (line.startsWith(END)) {
                    throw new IllegalArgumentException("PEM block " + number + ": END on line " + lineNumber + " without a BEGIN before it");
                } else {
                    outside.add(raw);
                }
            } else if (line.startsWith(END)) {
                String endLabel = label(line, END, number, lineNumber);
                if (!endLabel.equals(label)) {
                    throw new IllegalArgumentException("PEM block " + number + " (" + label + ", BEGIN on line " + beginLine
                            + ") must end with END " + label + ", but line " + lineNumber + " ends it with END " + endLabel);
                }
                blocks.add(new Block(label, decode(body, number, label, beginLine), beginLine, outside));
                outside.clear();
                label = null;
            } else if (line.startsWith(BEGIN)) {
                throw new IllegalArgumentException("PEM block " + number + " (" + label + ", BEGIN on line " + beginLine
                        + ") has no END before the next BEGIN on line " + lineNumber);
            } else {
                appendBase64(body, line, number, label, lineNumber);
            }
        }
        if (label != null) {
            throw new IllegalArgumentException("PEM block " + (blocks.size() + 1) + " (" + label + ", BEGIN on line " + beginLine
                    + ") has no END line");
        }
        return new Text(blocks, outside, lineNumber - outside.size() + 1);
    }

    /**
     * A key or trust file's text, refusing files over {@link #MAX_FILE_BYTES} before reading them
     * whole. Bytes that are not UTF-8 become U+FFFD: they can only be in explanatory text, where an
     * issuer name with them then matches nothing.
     */
    public static String readFile(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new IllegalArgumentException(file + ": a PEM file must be at most " + MAX_FILE_BYTES + " bytes (1 MiB), but is " + size + " bytes");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw new IllegalArgumentException(file + ": a PEM file must be at most " + MAX_FILE_BYTES + " bytes (1 MiB), but grew past that while read");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    public static String write(String label, byte[] der) {
        return BEGIN + label + DASHES + "\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n" + END + label + DASHES + "\n";
    }

    private static String label(String line, String boundary, int number, int lineNumber) {
        if (!line.endsWith(DASHES) || line.length() < boundary.length() + DASHES.length() + 1) {
            throw new IllegalArgumentException("PEM block " + number + ": line " + lineNumber + " must be " + boundary + "LABEL" + DASHES
                    + ", but was " + abbreviate(line));
        }
        return line.substring(boundary.length(), line.length() - DASHES.length());
    }

    private static void appendBase64(StringBuilder body, String line, int number, String label, int lineNumber) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            boolean base64 = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '=';
            if (base64) {
                body.append(c);
            } else if (!Character.isWhitespace(c)) {
                throw new IllegalArgumentException("PEM block " + number + " (" + label + "): line " + lineNumber
                        + " is not Base64: character '" + c + "' (U+" + String.format("%04X", (int) c) + ") at column " + (i + 1));
            }
        }
    }

    private static byte[] decode(StringBuilder body, int number, String label, int beginLine) {
        try {
            return Base64.getDecoder().decode(body.toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PEM block " + number + " (" + label + ", BEGIN on line " + beginLine
                    + ") is not valid Base64: " + e.getMessage(), e);
        }
    }

    private static String abbreviate(String line) {
        return line.length() <= 40 ? "'" + line + "'" : "'" + line.substring(0, 40) + "...' (" + line.length() + " characters)";
    }
}
