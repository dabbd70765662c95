package io.limen.format.credential;

/**
 * Base45 (RFC 9285): two bytes become three characters of the QR alphanumeric alphabet, so a QR code
 * in alphanumeric mode carries binary at about 97% of byte-mode density.
 */
public final class Base45 {

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
    private static final byte[] VALUE_OF = new byte[128];

    static {
        java.util.Arrays.fill(VALUE_OF, (byte) -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            VALUE_OF[ALPHABET.charAt(i)] = (byte) i;
        }
    }

    private Base45() {
    }

    public static String encode(byte[] bytes) {
        StringBuilder out = new StringBuilder((bytes.length + 1) / 2 * 3);
        int i = 0;
        for (; i + 1 < bytes.length; i += 2) {
            int n = (bytes[i] & 0xFF) * 256 + (bytes[i + 1] & 0xFF);
            out.append(ALPHABET.charAt(n % 45)).append(ALPHABET.charAt(n / 45 % 45)).append(ALPHABET.charAt(n / 2025));
        }
        if (i < bytes.length) {
            int n = bytes[i] & 0xFF;
            out.append(ALPHABET.charAt(n % 45)).append(ALPHABET.charAt(n / 45));
        }
        return out.toString();
    }

    /**
     * Decodes {@code text[from..]}. Throws IllegalArgumentException naming the first offending
     * position: an illegal character, a length of 1 mod 3, or a group whose value does not fit.
     */
    public static byte[] decode(CharSequence text, int from) {
        int length = text.length() - from;
        if (length % 3 == 1) {
            throw new IllegalArgumentException("Base45 length must not be 1 mod 3, but was " + length);
        }
        byte[] out = new byte[length / 3 * 2 + (length % 3 == 2 ? 1 : 0)];
        int o = 0;
        for (int i = from; i < text.length(); i += 3) {
            int c = value(text, i) + value(text, i + 1) * 45;
            if (i + 2 < text.length()) {
                c += value(text, i + 2) * 2025;
                if (c > 0xFFFF) {
                    throw new IllegalArgumentException("Base45 group at " + (i - from) + " must be at most 65535, but was " + c);
                }
                out[o++] = (byte) (c >> 8);
            } else if (c > 0xFF) {
                throw new IllegalArgumentException("Base45 final pair at " + (i - from) + " must be at most 255, but was " + c);
            }
            out[o++] = (byte) c;
        }
        return out;
    }

    public static byte[] decode(CharSequence text) {
        return decode(text, 0);
    }

    private static int value(CharSequence text, int index) {
        char ch = text.charAt(index);
        int v = ch < 128 ? VALUE_OF[ch] : -1;
        if (v < 0) {
            throw new IllegalArgumentException("Base45 character at " + index + " must be in [0-9A-Z $%*+-./:], but was U+"
                    + String.format("%04X", (int) ch));
        }
        return v;
    }
}
