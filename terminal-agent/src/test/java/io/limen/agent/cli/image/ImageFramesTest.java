package io.limen.agent.cli.image;

import io.limen.agent.simulation.CredentialTexts;

import io.limen.agent.simulation.SyntheticScene;

import io.limen.agent.camera.Frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.agent.decode.QrDecoder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import io.limen.agent.testing.PngFiles;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFramesTest {

    @TempDir
    Path dir;

    @Test
    void writePngThenRead_givesTheSameLuma() throws IOException {
        Frame frame = SyntheticScene.withCode(CredentialTexts.typical(2), 2);
        Path png = dir.resolve("frame.png");
        ImageFrames.writePng(frame, png);
        assertEquals(frame, ImageFrames.read(png));
    }

    @Test
    void colourJpegOfACode_readsAndDecodes() throws IOException {
        String text = CredentialTexts.typical(3);
        Frame frame = SyntheticScene.withCode(text, 3);
        BufferedImage rgb = new BufferedImage(frame.width(), frame.height(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < frame.height(); y++) {
            for (int x = 0; x < frame.width(); x++) {
                int grey = frame.luma()[y * frame.width() + x] & 0xFF;
                // A warm tint, so the colour conversion has real work to do.
                int red = Math.min(255, grey + 20);
                int blue = Math.max(0, grey - 20);
                rgb.setRGB(x, y, red << 16 | grey << 8 | blue);
            }
        }
        Path jpeg = dir.resolve("phone.jpg");
        assertTrue(ImageIO.write(rgb, "jpeg", jpeg.toFile()));

        Frame read = ImageFrames.read(jpeg);

        assertEquals(1280, read.width());
        assertEquals(720, read.height());
        assertEquals(Optional.of(text), new QrDecoder().decode(read));
    }

    @Test
    void colourPixels_becomeBt601Luma_andTransparencyShowsWhite() throws IOException {
        BufferedImage argb = new BufferedImage(4, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0xFFFF0000); // opaque red: 0.299 * 255 = 76
        argb.setRGB(1, 0, 0xFF00FF00); // opaque green: 0.587 * 255 = 150
        argb.setRGB(2, 0, 0xFF0000FF); // opaque blue: 0.114 * 255 = 29
        argb.setRGB(3, 0, 0x00000000); // fully transparent black: the white behind it
        Path png = dir.resolve("argb.png");
        assertTrue(ImageIO.write(argb, "png", png.toFile()));

        assertArrayEquals(new byte[] {76, (byte) 150, 29, (byte) 255}, ImageFrames.read(png).luma());
    }

    @Test
    void greyPixels_keepTheirValues() throws IOException {
        BufferedImage grey = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSamples(0, 0, 3, 1, 0, new int[] {0, 100, 255});
        Path png = dir.resolve("grey.png");
        assertTrue(ImageIO.write(grey, "png", png.toFile()));

        assertArrayEquals(new byte[] {0, 100, (byte) 255}, ImageFrames.read(png).luma());
    }

    @Test
    void fileThatIsNoImage_givesIOExceptionNamingTheFile() throws IOException {
        Path text = dir.resolve("notes.png");
        Files.writeString(text, "this is not a picture");

        var e = assertThrows(IOException.class, () -> ImageFrames.read(text));
        assertTrue(e.getMessage().contains(text.toString()), e.getMessage());
    }

    @Test
    void truncatedPng_givesIOExceptionNamingTheFile() throws IOException {
        Path png = dir.resolve("whole.png");
        ImageFrames.writePng(SyntheticScene.withoutCode(1), png);
        byte[] bytes = Files.readAllBytes(png);
        Path truncated = dir.resolve("cut.png");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 3));

        var e = assertThrows(IOException.class, () -> ImageFrames.read(truncated));
        assertTrue(e.getMessage().contains(truncated.toString()), e.getMessage());
    }

    @Test
    void missingFile_givesIOExceptionNamingTheFileAndSayingSo() {
        Path missing = dir.resolve("missing.png");

        var e = assertThrows(IOException.class, () -> ImageFrames.read(missing));
        assertEquals("cannot read image " + missing + ": no such file", e.getMessage());
    }

    @Test
    void directory_isSaidToBeADirectory() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("photos.png"));

        var e = assertThrows(IOException.class, () -> ImageFrames.read(folder));
        assertEquals("cannot read image " + folder + ": is a directory, not a file", e.getMessage());
    }

    @Test
    void fifo_isRefusedAtOnce_neverOpened() throws Exception {
        // Opening a FIFO for reading blocks until a writer comes: the old code hung here for ever.
        Path fifo = dir.resolve("camera.png");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor());

        var e = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThrows(IOException.class, () -> ImageFrames.read(fifo)));
        assertEquals("cannot read image " + fifo + ": is a FIFO (named pipe), not a regular file; it is not read", e.getMessage());
    }

    @Test
    void emptyFile_isSaidToBeEmpty() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.png"));

        var e = assertThrows(IOException.class, () -> ImageFrames.read(empty));
        assertEquals("cannot read image " + empty + ": is empty (0 bytes)", e.getMessage());
    }

    @Test
    void imageWiderThanTheSideCap_isRefusedFromItsHeader() throws IOException {
        // 40,000,000 x 1: under the pixel cap, but a decoder holds a whole row of it (160 MB of RGBA).
        Path wide = PngFiles.zeros(dir.resolve("wide.png"), 40_000_000, 1, PngFiles.RGBA, 8);

        var e = assertThrows(IOException.class, () -> ImageFrames.read(wide));
        assertEquals("cannot read image " + wide + ": each side must be at most 16384 pixels, but it is 40000000x1", e.getMessage());
    }

    @Test
    void imageThatDecodesPastTheMemoryCap_isReadSubsampled() throws IOException {
        // 6300 x 6300 16-bit RGBA: 318 MB decoded; every third pixel of every third row is 35 MB.
        Path deep = PngFiles.zeros(dir.resolve("deep.png"), 6300, 6300, PngFiles.RGBA, 16);

        Frame frame = ImageFrames.read(deep);

        assertEquals(2100, frame.width());
        assertEquals(2100, frame.height());
        assertEquals((byte) 255, frame.luma()[0]); // transparent black shows the white behind it
    }

    @Test
    void imageUnderTheMemoryCap_isReadWhole() throws IOException {
        Path grey = PngFiles.zeros(dir.resolve("grey.png"), 8000, 5000, PngFiles.GREY, 8); // 40 MB, 1 byte a pixel

        Frame frame = ImageFrames.read(grey);

        assertEquals(8000, frame.width());
        assertEquals(5000, frame.height());
    }
}
