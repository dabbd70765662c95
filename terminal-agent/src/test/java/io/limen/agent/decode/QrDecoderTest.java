package io.limen.agent.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.agent.simulation.CredentialTexts;
import io.limen.agent.camera.Frame;
import io.limen.agent.simulation.SyntheticScene;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class QrDecoderTest {

    private final QrDecoder decoder = new QrDecoder();

    @Test
    void typicalCredential_decodesByteIdentical_acrossSeeds() {
        for (long seed = 0; seed < 40; seed++) {
            String text = CredentialTexts.typical(seed);
            assertEquals(Optional.of(text), decoder.decode(SyntheticScene.withCode(text, seed)), "seed " + seed);
        }
    }

    @Test
    void typicalCredential_decodesWithTryHarderToo() {
        QrDecoder harder = new QrDecoder(true);
        for (long seed = 0; seed < 10; seed++) {
            String text = CredentialTexts.typical(seed);
            assertEquals(Optional.of(text), harder.decode(SyntheticScene.withCode(text, seed)), "seed " + seed);
        }
    }

    @Test
    void frameWithoutCode_decodesToEmpty() {
        for (long seed = 0; seed < 10; seed++) {
            assertEquals(Optional.empty(), decoder.decode(SyntheticScene.withoutCode(seed)), "seed " + seed);
        }
    }

    @Test
    void codeDamagedBeyondErrorCorrection_decodesToEmpty() {
        for (long seed = 0; seed < 20; seed++) {
            Frame damaged = SyntheticScene.withDamagedCode(CredentialTexts.typical(seed), seed);
            assertEquals(Optional.empty(), decoder.decode(damaged), "seed " + seed);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 21, 64})
    void garbageFrames_ofAnySize_decodeToEmptyWithoutThrowing(int side) {
        byte[] noise = new byte[side * side];
        new SplittableRandom(side).nextBytes(noise);
        assertEquals(Optional.empty(), decoder.decode(new Frame(noise, side, side)));
        assertEquals(Optional.empty(), decoder.decode(new Frame(new byte[side * side], side, side)));
    }

    @Test
    void region_decodesOnlyWhatIsInsideIt() {
        String text = CredentialTexts.typical(5);
        Frame scene = SyntheticScene.withCode(text, 5);
        // Twice as wide: an empty room on the left, the phone scene on the right.
        Frame wide = sideBySide(SyntheticScene.withoutCode(5), scene);
        assertEquals(Optional.of(text), decoder.decode(wide, new Region(1280, 0, 1280, 720)));
        assertEquals(Optional.empty(), decoder.decode(wide, new Region(0, 0, 1280, 720)));
    }

    @Test
    void regionOutsideTheFrame_isRejected() {
        Frame frame = new Frame(new byte[100], 10, 10);
        var e = assertThrows(IllegalArgumentException.class, () -> decoder.decode(frame, new Region(5, 0, 6, 10)));
        assertEquals("region must lie inside the 10x10 frame, but was 6x10 at 5,0", e.getMessage());
    }

    @Test
    void regionOfNoArea_isRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Region(0, 0, 0, 10));
        assertEquals("region width and height must be positive, but were 0x10", e.getMessage());
    }

    @Test
    void frameWithPaddedRows_decodesLikeTheTightOne_thePaddingIsNeverRead() {
        String text = CredentialTexts.typical(9);
        Frame tight = SyntheticScene.withCode(text, 9);
        int stride = tight.width() + 64;
        byte[] padded = new byte[stride * tight.height()];
        java.util.Arrays.fill(padded, (byte) 0); // black padding: read as pixels, it would break every row's runs
        for (int y = 0; y < tight.height(); y++) {
            System.arraycopy(tight.luma(), y * tight.width(), padded, y * stride, tight.width());
        }
        Frame frame = new Frame(padded, tight.width(), tight.height(), stride, 0);

        assertEquals(new QrDecoder().decode(tight), new QrDecoder().decode(frame));
        assertEquals(Optional.of(text), new QrDecoder().decode(frame));
    }

    private static Frame sideBySide(Frame left, Frame right) {
        int width = left.width() + right.width();
        byte[] luma = new byte[width * left.height()];
        for (int y = 0; y < left.height(); y++) {
            System.arraycopy(left.luma(), y * left.width(), luma, y * width, left.width());
            System.arraycopy(right.luma(), y * right.width(), luma, y * width + left.width(), right.width());
        }
        return new Frame(luma, width, left.height());
    }

    @Test
    void aFrameTheScanTurnsAway_allocatesNothing() {
        // The pre-scan keeps its row buffer and hit list between frames: at 30 fps an allocation per
        // empty frame is collector work all day long (it was 5.4 KB a frame).
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        QrDecoder decoder = new QrDecoder();
        Frame empty = SyntheticScene.withoutCode(1);
        for (int i = 0; i < 20; i++) {
            assertEquals(Optional.empty(), decoder.decode(empty));
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 20; i++) {
            decoder.decode(empty);
        }
        long perFrame = (threads.getCurrentThreadAllocatedBytes() - before) / 20;
        assertTrue(perFrame < 64, "bytes allocated per empty frame: " + perFrame);
    }
}
