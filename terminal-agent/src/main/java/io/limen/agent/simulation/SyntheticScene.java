package io.limen.agent.simulation;

import io.limen.agent.camera.Frame;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The simulated camera: 1280×720 grey frames of a phone held up to the terminal, showing a QR code, for
 * the tests and {@code demo}.
 *
 * <p>What a real camera adds and a decoder must survive is all here, varied by the seed: a grey room
 * with uneven light, the phone anywhere in view and turned a few degrees, a code of 220–320 px including
 * the screen's light border (3–5 px per module for a 300-character credential), lens blur and sensor
 * noise. The same seed always gives the same frame, and {@link #withoutCode} gives the same room
 * without the phone, so tests can compare the two.
 */
public final class SyntheticScene {

    public static final int WIDTH = 1280;
    public static final int HEIGHT = 720;

    /** Quiet zone in modules: the standard asks for 4, and a phone's screen gives at least that. */
    private static final int QUIET_MODULES = 4;

    private SyntheticScene() {
    }

    /** A phone showing {@code text} as a QR code (error correction M). */
    public static Frame withCode(String text, long seed) {
        return render(encode(text), seed, false);
    }

    /** The same room as {@link #withCode} with this seed, and nobody holding anything up. */
    public static Frame withoutCode(long seed) {
        return render(null, seed, false);
    }

    /**
     * A phone showing {@code text} with a blot (a thumb, a crack, a smear) over a finder pattern and
     * about a third of the symbol: more than error correction M (15 %) can repair, so nothing decodes.
     */
    public static Frame withDamagedCode(String text, long seed) {
        return render(encode(text), seed, true);
    }

    /**
     * The worst picture for a QR decoder: the whole frame tiled with finder-like squares (the nested
     * 7×7-module squares of a code's corners), each {@code gapModules} modules from the next, dark on
     * light with the room's noise; nothing in it decodes. A poster, a tiled wall or a printed sheet of
     * such squares held to the camera must not stall the gate.
     *
     * @param moduleSize pixels per module, 1 or more (2–3 px is what the camera's own finder scan sees best)
     * @param gapModules light modules between two squares, 1 or more
     */
    public static Frame withFinderTiles(int moduleSize, int gapModules, long seed) {
        if (moduleSize < 1 || gapModules < 1) {
            throw new IllegalArgumentException("finder tiles need a module size and gap of at least 1, but were "
                    + moduleSize + " px and " + gapModules + " modules");
        }
        SplittableRandom random = new SplittableRandom(seed);
        Canvas canvas = new Canvas(WIDTH, HEIGHT);
        canvas.fillGradient((float) random.nextDouble(190, 230), 0, 0);
        float ink = (float) random.nextDouble(20, 50);
        int square = 7 * moduleSize;
        int pitch = (7 + gapModules) * moduleSize;
        for (int top = 0; top + square <= HEIGHT; top += pitch) {
            for (int left = 0; left + square <= WIDTH; left += pitch) {
                for (int y = 0; y < square; y++) {
                    for (int x = 0; x < square; x++) {
                        int u = x / moduleSize;
                        int v = y / moduleSize;
                        // The finder's 1:1:3:1:1 rings: a dark border, a light ring, a dark 3×3 centre.
                        boolean dark = u == 0 || u == 6 || v == 0 || v == 6 || (u >= 2 && u <= 4 && v >= 2 && v <= 4);
                        if (dark) {
                            canvas.luma[(top + y) * WIDTH + left + x] = ink;
                        }
                    }
                }
            }
        }
        canvas.addNoise(random, random.nextDouble(2.5, 6));
        return canvas.toFrame();
    }

    private static Frame render(BitMatrix modules, long seed, boolean damaged) {
        SplittableRandom random = new SplittableRandom(seed);
        // Independent streams, so the room and its noise do not change when a phone is added.
        SplittableRandom room = random.split();
        SplittableRandom noise = random.split();
        SplittableRandom phone = random.split();

        Canvas canvas = new Canvas(WIDTH, HEIGHT);
        canvas.fillGradient(
                (float) room.nextDouble(60, 150),
                (float) room.nextDouble(-0.05, 0.05),
                (float) room.nextDouble(-0.06, 0.06));
        if (modules != null) {
            Phone held = Phone.random(phone, modules, WIDTH, HEIGHT);
            held.paint(canvas, damaged);
            int[] box = held.bounds(canvas);
            int margin = 4;
            canvas.blur(box[0] - margin, box[1] - margin, box[2] + margin, box[3] + margin, held.blurSigma());
        }
        canvas.addNoise(noise, room.nextDouble(2.5, 6));
        return canvas.toFrame();
    }

    /** One pixel per module, quiet zone included; ZXing picks alphanumeric mode for Base45 text. */
    private static BitMatrix encode(String text) {
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, Map.of(
                    EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                    EncodeHintType.MARGIN, QUIET_MODULES));
        } catch (WriterException e) {
            throw new IllegalArgumentException(
                    "QR text must fit a version-40 symbol at error correction M, but was " + text.length()
                            + " characters", e);
        }
    }
}
