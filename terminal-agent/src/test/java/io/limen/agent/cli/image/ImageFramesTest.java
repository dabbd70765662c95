package io.limen.agent.cli.image;

import io.limen.agent.simulation.CredentialTexts;

import io.limen.agent.simulation.SyntheticScene;

import io.limen.agent.camera.Frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.agent.decode.QrDecoder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
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
    void missingFile_givesIOExceptionNamingTheFile() {
        Path missing = dir.resolve("missing.png");

        var e = assertThrows(IOException.class, () -> ImageFrames.read(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }
}
