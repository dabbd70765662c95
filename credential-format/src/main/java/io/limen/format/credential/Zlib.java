package io.limen.format.credential;

import io.limen.format.Reason;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/** zlib (RFC 1950) framing of credential payloads, with a hard cap on what inflating may produce. */
final class Zlib {

    private Zlib() {
    }

    /**
     * A zlib stream starts with CMF=0x?8 (deflate) and a FLG that makes CMF·256+FLG divisible by 31.
     * A COSE_Sign1 starts with 0xD2 (tag 18) or 0x84 (array of 4), so the two cannot be confused.
     */
    static boolean looksCompressed(byte[] bytes) {
        if (bytes.length < 2) {
            return false;
        }
        int cmf = bytes[0] & 0xFF;
        int flg = bytes[1] & 0xFF;
        return (cmf & 0x0F) == 8 && (cmf >> 4) <= 7 && (cmf * 256 + flg) % 31 == 0;
    }

    /** FLG bit 5 (RFC 1950 §2.2): a preset dictionary's Adler-32 follows the header. */
    private static final int FDICT = 0x20;

    static byte[] inflate(byte[] compressed, int limit) {
        if (compressed.length >= 2 && (compressed[1] & FDICT) != 0) {
            throw new CredentialRefusal(Reason.BAD_ZLIB, "zlib stream needs a preset dictionary (FDICT set), which this format never uses");
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            // One byte more than the limit tells "exactly at the limit" from "over it".
            byte[] out = new byte[limit + 1];
            int length = 0;
            while (!inflater.finished()) {
                int n = inflater.inflate(out, length, out.length - length);
                length += n;
                if (length > limit) {
                    throw new CredentialRefusal(Reason.TOO_LARGE,
                            "inflated payload must be at most " + limit + " bytes, but exceeds it");
                }
                // All input consumed is "truncated" only if the stream has not ended with it.
                if (n == 0 && !inflater.finished() && inflater.needsDictionary()) {
                    throw new CredentialRefusal(Reason.BAD_ZLIB, "zlib stream needs a preset dictionary, which this format never uses");
                }
                if (n == 0 && !inflater.finished() && inflater.needsInput()) {
                    throw new CredentialRefusal(Reason.BAD_ZLIB, "zlib stream is truncated");
                }
            }
            if (inflater.getRemaining() > 0) {
                throw new CredentialRefusal(Reason.BAD_ZLIB,
                        "zlib stream must end the payload, but " + inflater.getRemaining() + " bytes follow it");
            }
            return Arrays.copyOf(out, length);
        } catch (DataFormatException e) {
            throw new CredentialRefusal(Reason.BAD_ZLIB, "zlib stream is corrupt: " + e.getMessage());
        } finally {
            inflater.end();
        }
    }

    static byte[] deflate(byte[] bytes) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            deflater.setInput(bytes);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
            byte[] chunk = new byte[512];
            while (!deflater.finished()) {
                out.write(chunk, 0, deflater.deflate(chunk));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }
}
