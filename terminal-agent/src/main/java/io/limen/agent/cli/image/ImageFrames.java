package io.limen.agent.cli.image;

import io.limen.agent.camera.Frame;
import io.limen.config.DecoderConfig;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.awt.color.ColorSpace;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Frames from and to image files, for {@code scan <image>}, the demo and debugging: PNG and JPEG (and
 * whatever else the JDK's ImageIO reads: BMP, GIF, TIFF).
 */
public final class ImageFrames {

    /** A 12-megapixel phone photo fits; a file claiming a gigapixel is refused before it is decoded. */
    static final long MAX_PIXELS = DecoderConfig.DEFAULTS.maxImagePixels();

    private ImageFrames() {
    }

    /**
     * The luma of the image in {@code file}: grey images as they are, colour by BT.601
     * (0.299 R + 0.587 G + 0.114 B), transparency composited over white as a screen would show it.
     *
     * @throws IOException naming the file, if it cannot be read or is no image ImageIO can decode
     */
    public static Frame read(Path file) throws IOException {
        BufferedImage image;
        try (InputStream in = Files.newInputStream(file);
             ImageInputStream stream = ImageIO.createImageInputStream(in)) {
            image = decode(stream, file);
        } catch (RuntimeException e) {
            // Some ImageIO plugins throw unchecked exceptions on corrupt data; the caller wants one kind.
            throw new IOException("cannot read image " + file + ": " + e, e);
        }
        return toFrame(image);
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
        Iterator<ImageReader> readers = stream == null ? null : ImageIO.getImageReaders(stream);
        if (readers == null || !readers.hasNext()) {
            throw new IOException("cannot read image " + file + ": not a PNG, JPEG or other format ImageIO reads");
        }
        ImageReader reader = readers.next();
        try {
            reader.setInput(stream, true, true);
            long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
            if (pixels > MAX_PIXELS) {
                throw new IOException("cannot read image " + file + ": must be at most " + MAX_PIXELS
                        + " pixels, but was " + reader.getWidth(0) + "x" + reader.getHeight(0));
            }
            return reader.read(0);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains(file.toString())) {
                throw e;
            }
            throw new IOException("cannot read image " + file + " as " + reader.getFormatName() + ": "
                    + e.getMessage(), e);
        } finally {
            reader.dispose();
        }
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
