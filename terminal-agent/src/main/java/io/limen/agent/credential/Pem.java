package io.limen.agent.credential;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PEM (RFC 7468) blocks, as openssl and every other tool writes them. */
public final class Pem {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)\\s*-----END \\1-----");

    public record Block(String label, byte[] der) {
    }

    private Pem() {
    }

    /** Every block in {@code text}, in order; text between blocks (comments) is ignored. */
    public static List<Block> read(String text) {
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            try {
                blocks.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("PEM block " + (blocks.size() + 1) + " (" + m.group(1)
                        + ") is not valid Base64: " + e.getMessage(), e);
            }
        }
        return blocks;
    }

    public static String write(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}
