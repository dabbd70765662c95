package io.limen.agent.cli.image;

import io.limen.agent.camera.Frame;
import io.limen.config.DecoderConfig;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.awt.color.ColorSpace;
import java.awt.image.DataBuffer;
import java.awt.image.SampleModel;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;

/**
 * Frames from and to image files, for {@code scan <image>}, the demo and debugging: PNG and JPEG (and
 * whatever else the JDK's ImageIO reads: BMP, GIF, TIFF).
 *
 * <p>An image file is hostile input, and a few KB of PNG can claim gigabytes of pixels. So the file is
 * checked before it is opened ({@link InputFiles}: a FIFO is never opened), its header is read before
 * its pixels, and the caps below hold whatever the header says; what the decoder then allocates is
 * capped by reading a large image subsampled (every 2nd or 3rd pixel of every 2nd or 3rd row), never
 * by refusing a real photo. Files are read straight from disk ({@link FileImageInputStream}): ImageIO's
 * default stream from an {@code InputStream} keeps a cache file in {@code java.io.tmpdir}, and fails
 * on a read-only or full temp folder with "Can't create cache file!" or as "not an image" at all.
 */
public final class ImageFrames {

    /** A 40-megapixel phone photo fits; a file claiming more pixels is refused before it is decoded. */
    static final long MAX_PIXELS = DecoderConfig.DEFAULTS.maxImagePixels();
    /**
     * Each side, in pixels: decoders keep a row or two of the full width (a 40,000,000×1 PNG of 39 KB
     * asked 160 MB for its one row), so the width must be capped as well as the area.
     */
    static final int MAX_SIDE = 16_384;
    /** A photo is a few MB; this is room for a 40-megapixel PNG that hardly compresses. */
    static final long MAX_FILE_BYTES = 64L << 20;
    /**
     * The decoded image in memory at once. A 6300×6300 16-bit RGBA PNG of 308 KB decodes to 318 MB;
     * above this cap the image is read subsampled, so a 256 MB heap (a 1 GB Pi's default) suffices.
     */
    static final long MAX_DECODED_BYTES = 64L << 20;

    private ImageFrames() {
    }

    /**
     * The luma of the image in {@code file}: grey images as they are, colour by BT.601
     * (0.299 R + 0.587 G + 0.114 B), transparency composited over white as a screen would show it.
     * An image of more than {@link #MAX_DECODED_BYTES} decoded is read subsampled by the smallest
     * whole factor that fits, so the frame is then smaller than the image.
     *
     * @throws IOException whose message names the file and what is wrong with it: missing, a directory,
     *     not a regular file (never opened), unreadable, too large in bytes, pixels or a side, not an
     *     image ImageIO reads, damaged, or needing more memory than the JVM has
     */
    public static Frame read(Path file) throws IOException {
        String named = "cannot read image " + file + ": ";
        Optional<String> problem = InputFiles.nonEmptyProblem(file, MAX_FILE_BYTES);
        if (problem.isPresent()) {
            throw new IOException(named + problem.get());
        }
        try (ImageInputStream stream = new FileImageInputStream(file.toFile())) {
            return toFrame(decode(stream, file));
        } catch (FileNotFoundException e) {
            // Opening failed after all (it changed since, or a permission the metadata did not show):
            // RandomAccessFile says "F (Permission denied)"; keep the reason, the file is named already.
            String message = String.valueOf(e.getMessage());
            int reason = message.lastIndexOf(" (");
            throw new IOException(named + (reason >= 0 && message.endsWith(")")
                    ? message.substring(reason + 2, message.length() - 1) : message), e);
        } catch (OutOfMemoryError e) {
            // The decoder's allocation failed and is gone with its frames: this file fails, the next is read.
            throw new IOException(named + "decoding it needs more memory than this JVM may use ("
                    + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB)", e);
        } catch (RuntimeException | StackOverflowError e) {
            // Some ImageIO plugins throw unchecked exceptions on corrupt data; the caller wants one kind.
            throw new IOException(named + "damaged or unsupported image data (" + e + ")", e);
        }
    }

    /** Writes the frame as an 8-bit grey PNG. */
    public static void writePng(Frame frame, Path file) throws IOException {
        BufferedImage image = new BufferedImage(frame.width(), frame.height(), BufferedImage.TYPE_BYTE_GRAY);
        byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        System.arraycopy(frame.luma(), 0, pixels, 0, pixels.length);
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("cannot write " + file + ": this JDK has no PNG writer");
        }
    }

    private static BufferedImage decode(ImageInputStream stream, Path file) throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(stream);
        if (!readers.hasNext()) {
            throw new IOException("cannot read image " + file + ": not a PNG, JPEG or other format ImageIO reads");
        }
        ImageReader reader = readers.next();
        try {
            reader.setInput(stream, true, true); // metadata ignored: text and profile chunks are never inflated
            ImageReadParam param = reader.getDefaultReadParam();
            int subsampling = subsampling(reader, file);
            param.setSourceSubsampling(subsampling, subsampling, 0, 0);
            return reader.read(0, param);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains(file.toString())) {
                throw e;
            }
            Throwable cause = e.getCause();
            if (cause instanceof OutOfMemoryError memory) {
                throw memory; // the PNG reader wraps it as "Caught exception during read": say what it is
            }
            throw new IOException("cannot read image " + file + " as " + reader.getFormatName() + ": "
                    + e.getMessage() + (cause != null ? " " + cause : ""), e);
        } finally {
            reader.dispose();
        }
    }

    /**
     * From the header alone: refuses an image past the caps, and says by what factor to subsample one
     * whose decoded pixels would not fit {@link #MAX_DECODED_BYTES} (1 for all others).
     */
    private static int subsampling(ImageReader reader, Path file) throws IOException {
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        if (width > MAX_SIDE || height > MAX_SIDE) {
            throw new IOException("cannot read image " + file + ": each side must be at most " + MAX_SIDE
                    + " pixels, but it is " + width + "x" + height);
        }
        if ((long) width * height > MAX_PIXELS) {
            throw new IOException("cannot read image " + file + ": must be at most " + MAX_PIXELS
                    + " pixels, but was " + width + "x" + height);
        }
        long bytesPerPixel = bytesPerPixel(reader);
        int factor = 1;
        while (ceilDiv(width, factor) * ceilDiv(height, factor) * bytesPerPixel > MAX_DECODED_BYTES) {
            factor++;
        }
        return factor;
    }

    /** Bytes per pixel of the image the reader would make: 8 for 16-bit RGBA, 1 for grey or a palette. */
    private static long bytesPerPixel(ImageReader reader) throws IOException {
        ImageTypeSpecifier type = reader.getRawImageType(0);
        if (type == null) {
            Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
            type = types.hasNext() ? types.next() : null;
        }
        if (type == null) {
            return 8; // unknown: assume the widest common layout, 16-bit RGBA
        }
        SampleModel samples = type.getSampleModel(1, 1);
        return Math.max(1, (long) DataBuffer.getDataTypeSize(samples.getDataType()) * samples.getNumDataElements() / 8);
    }

    private static long ceilDiv(int size, int factor) {
        return (size + factor - 1) / factor;
    }

    private static Frame toFrame(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        ColorModel model = image.getColorModel();
        byte[] luma = new byte[width * height];
        if (model.getColorSpace().getType() == ColorSpace.TYPE_GRAY && model.getNumColorComponents() == 1) {
            readGrey(image.getRaster(), model, luma);
        } else {
            readColour(image, luma);
        }
        return new Frame(luma, width, height);
    }

    /**
     * Grey samples straight from the raster: {@code getRGB} would convert the grey through sRGB and
     * change every value.
     */
    private static void readGrey(Raster raster, ColorModel model, byte[] luma) {
        int width = raster.getWidth();
        int height = raster.getHeight();
        int greyMax = (1 << model.getComponentSize(0)) - 1;
        boolean alpha = model.hasAlpha();
        int alphaMax = alpha ? (1 << model.getComponentSize(1)) - 1 : 1;
        int[] grey = new int[width];
        int[] opacity = new int[width];
        for (int y = 0; y < height; y++) {
            raster.getSamples(0, y, width, 1, 0, grey);
            if (alpha) {
                raster.getSamples(0, y, width, 1, 1, opacity);
            }
            for (int x = 0; x < width; x++) {
                double value = grey[x] * 255.0 / greyMax;
                if (alpha) {
                    double a = (double) opacity[x] / alphaMax;
                    value = value * a + 255 * (1 - a);
                }
                luma[y * width + x] = (byte) Math.round(value);
            }
        }
    }

    /** Colour (and palette) images through sRGB ARGB, one row at a time to keep memory flat. */
    private static void readColour(BufferedImage image, byte[] luma) {
        int width = image.getWidth();
        int[] argb = new int[width];
        for (int y = 0; y < image.getHeight(); y++) {
            image.getRGB(0, y, width, 1, argb, 0, width);
            for (int x = 0; x < width; x++) {
                int pixel = argb[x];
                double a = (pixel >>> 24) / 255.0;
                double value = 0.299 * ((pixel >> 16) & 0xFF) + 0.587 * ((pixel >> 8) & 0xFF) + 0.114 * (pixel & 0xFF);
                luma[y * width + x] = (byte) Math.round(value * a + 255 * (1 - a));
            }
        }
    }
}
