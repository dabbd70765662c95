package io.limen.agent.testing;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * PNG files written by hand (PNG spec, ISO/IEC 15948), for decompression bombs: all-zero pixels of any
 * size stream through zlib into a few hundred KB, without ever holding the image in memory.
 */
public final class PngFiles {

    /** Colour type 0, grey. */
    public static final int GREY = 0;
    /** Colour type 6, RGB with alpha. */
    public static final int RGBA = 6;

    private PngFiles() {
    }

    /**
     * A PNG of {@code width}×{@code height} all-zero pixels (transparent black for RGBA, black for grey)
     * of {@code bitDepth} bits per sample, each row with filter type 0.
     */
    public static Path zeros(Path file, int width, int height, int colourType, int bitDepth) throws IOException {
        int samples = colourType == RGBA ? 4 : 1;
        long rowBytes = 1 + (long) width * samples * bitDepth / 8; // the filter byte, then the samples
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
            var header = new java.io.ByteArrayOutputStream();
            var fields = new DataOutputStream(header);
            fields.writeInt(width);       // width, px
            fields.writeInt(height);      // height, px
            fields.writeByte(bitDepth);   // bits per sample
            fields.writeByte(colourType); // 0 grey, 6 RGBA
            fields.writeByte(0);          // compression: deflate
            fields.writeByte(0);          // filter method 0
            fields.writeByte(0);          // no interlace
            chunk(out, "IHDR", header.toByteArray());
            var compressed = new java.io.ByteArrayOutputStream();
            try (var zlib = new DeflaterOutputStream(compressed, new Deflater(Deflater.BEST_SPEED), 1 << 16)) {
                byte[] zeros = new byte[1 << 16];
                for (long left = rowBytes * height; left > 0; left -= zeros.length) {
                    zlib.write(zeros, 0, (int) Math.min(zeros.length, left));
                }
            }
            chunk(out, "IDAT", compressed.toByteArray());
            chunk(out, "IEND", new byte[0]);
        }
        return file;
    }

    private static void chunk(OutputStream out, String type, byte[] data) throws IOException {
        DataOutputStream chunk = new DataOutputStream(out);
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        chunk.writeInt(data.length);
        chunk.write(name);
        chunk.write(data);
        chunk.writeInt((int) crc.getValue());
        chunk.flush();
    }
}
