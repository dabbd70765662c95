package io.limen.agent.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import io.limen.agent.camera.Frame;
import io.limen.agent.decode.QrDecoder;
import io.limen.agent.simulation.SteppedFrameSource;
import io.limen.agent.simulation.SyntheticScene;
import io.limen.format.Reason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7's bad input at the loop: a frame of pure sensor noise and a QR code holding 2,900 bytes of
 * binary junk (close to the largest a QR code holds) are each one outcome, and the pass after them is
 * granted: nothing escapes the loop, nothing stalls it.
 */
class HostileFramesLoopTest {

    static final Duration FRAME = Duration.ofMillis(33);

    @TempDir
    Path dir;

    @Test
    void noiseThenJunkCodeThenPass_noiseIsNoCode_junkIsBadPrefix_passIsGranted() throws Exception {
        Frame junk = junkCode(2_900, 20261130);
        assertTrue(new QrDecoder().decode(junk).isPresent(), "the camera path reads the junk code (else the test proves nothing)");
        String pass = LoopFixture.pass(7);
        LoopFixture fixture = new LoopFixture(dir);
        SteppedFrameSource camera = new SteppedFrameSource(List.of(noise(11), junk, LoopFixture.readable(pass, 300)), fixture.time, FRAME);
        TerminalRun run = fixture.run(fixture.terminal(camera));

        LoopFixture.playOut(run);

        assertEquals(3, run.counters().framesDecoded(), run.line());
        assertEquals(1, run.counters().decisions(Reason.BAD_PREFIX), run.line());
        assertEquals(1, run.counters().decisions(Reason.OK), run.line());
        assertEquals(2, run.counters().decisions(), "the noise frame is no code, not a decision: " + run.line());
        assertEquals(0, run.counters().errors(), run.line());
    }

    /** Every pixel uniformly random: a camera with its lens covered by a bright, grainy light. */
    private static Frame noise(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] luma = new byte[SyntheticScene.WIDTH * SyntheticScene.HEIGHT];
        for (int i = 0; i < luma.length; i++) {
            luma[i] = (byte) random.nextInt(256);
        }
        return new Frame(luma, SyntheticScene.WIDTH, SyntheticScene.HEIGHT);
    }

    /** {@code bytes} random bytes in byte mode (version 40-L holds 2,953), 3 px a module, centred in a 720p frame. */
    private static Frame junkCode(int bytes, long seed) throws Exception {
        byte[] junk = new byte[bytes];
        new SplittableRandom(seed).nextBytes(junk);
        junk[0] = 0; // never "LP1:" by chance
        BitMatrix matrix = new QRCodeWriter().encode(new String(junk, StandardCharsets.ISO_8859_1), BarcodeFormat.QR_CODE, 0, 0,
                Map.of(EncodeHintType.CHARACTER_SET, "ISO-8859-1", EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.L,
                        EncodeHintType.MARGIN, 4));
        int module = 3;
        int side = matrix.getWidth() * module;
        int left = (SyntheticScene.WIDTH - side) / 2;
        int top = (SyntheticScene.HEIGHT - side) / 2;
        byte[] luma = new byte[SyntheticScene.WIDTH * SyntheticScene.HEIGHT];
        java.util.Arrays.fill(luma, (byte) 200);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                luma[(top + y) * SyntheticScene.WIDTH + left + x] = matrix.get(x / module, y / module) ? (byte) 20 : (byte) 230;
            }
        }
        return new Frame(luma, SyntheticScene.WIDTH, SyntheticScene.HEIGHT);
    }
}
