package io.limen.agent.simulation;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import io.limen.agent.camera.Frame;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A seeded corpus of labelled camera frames, by difficulty class, to measure what a QR decoder reads:
 * each frame comes with the texts of the codes it shows (none for an empty scene). The same class,
 * seed and size always give the same frame, so a rate measured on seeds 0–29 is a fixed number that
 * tests can pin and benchmarks can compare across decoders.
 *
 * <p>Every frame is a grey (Y plane) image as a camera gives it: the code on its surface, lens blur over
 * it, sensor noise over all. Apart from what its class varies, a code has 3–6 px modules, is turned up to
 * 8°, dark on light (20–60 on 170–235), blurred by σ 0.4–0.8 px, with noise of σ 2–5 grey levels.
 * These are synthetic frames, not photos: no real held-out photos are part of the project.
 */
public final class DecodeCorpus {

    /** What makes a frame hard. Each class varies one thing and keeps the rest ordinary. */
    public enum Difficulty {
        /** Modules from 2 px to a code filling the frame's height (a pass held close). */
        MODULE_SIZE,
        /** Turned in its plane by up to 45°. */
        ROTATION,
        /** Tilted away from the camera by 25–50° about a random axis. */
        PERSPECTIVE,
        /** Out of focus: blur of σ up to half a module. */
        BLUR,
        /** Sensor noise of σ 8–20 grey levels (a dim room, high gain). */
        NOISE,
        /** 22–45 grey levels between dark and light modules (a dim screen, faded print). */
        LOW_CONTRAST,
        /** Over-exposed (light modules clip at 255) with bright glare spots over the code. */
        GLARE,
        /** Light modules on a dark background, as phones in dark mode show codes. */
        INVERTED,
        /** Paper bent around a vertical axis, or folded across with a crease. */
        CURVED,
        /** A small code (2–3 px modules) in a busy scene: shelves, printed text, tiles. */
        SMALL_IN_BUSY_SCENE,
        /** Two or three codes side by side; reading any one of them counts. */
        SEVERAL_CODES,
        /** Finder-like squares in the background beside the code. */
        FINDER_TEXTURE,
        /** A busy scene with no code: the right answer is nothing. */
        NO_CODE
    }

    /**
     * A frame and what it shows.
     *
     * @param texts the text of every code in the frame; empty when there is none
     */
    public record LabelledFrame(Frame frame, Difficulty difficulty, long seed, List<String> texts) {

        public LabelledFrame {
            texts = List.copyOf(texts);
        }

        /** Whether a decoder's answer is right: one of the codes' texts, or nothing when there is no code. */
        public boolean isReadBy(Optional<String> decoded) {
            return texts.isEmpty() ? decoded.isEmpty() : decoded.filter(texts::contains).isPresent();
        }
    }

    /** The camera frame size of a terminal: 1280×720. */
    public static final int WIDTH = 1280;
    public static final int HEIGHT = 720;

    /** Base45's alphabet (RFC 9285): what a credential's QR text is made of. */
    private static final String BASE45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

    private DecodeCorpus() {
    }

    /** Frame {@code seed} of {@code difficulty}, 1280×720. */
    public static LabelledFrame frame(Difficulty difficulty, long seed) {
        return frame(difficulty, seed, WIDTH, HEIGHT);
    }

    /** Frame {@code seed} of {@code difficulty} at the given size (at least 320×240). */
    public static LabelledFrame frame(Difficulty difficulty, long seed, int width, int height) {
        if (width < 320 || height < 240) {
            throw new IllegalArgumentException("corpus frames must be at least 320x240, but were " + width + "x" + height);
        }
        // Mixing in the class keeps seed 0 of one class unlike seed 0 of another.
        SplittableRandom random = new SplittableRandom(seed * 31 + difficulty.ordinal());
        Canvas canvas = new Canvas(width, height);
        List<String> texts = new Scene(difficulty, random, canvas).paint();
        return new LabelledFrame(canvas.toFrame(), difficulty, seed, texts);
    }

    /**
     * A frame with no code, {@code width}×{@code height}: a plain room with uneven light, or a busy scene
     * (shelves, printed text, tiles) when {@code busy}; what a terminal's camera sees most of the day.
     */
    public static Frame empty(boolean busy, long seed, int width, int height) {
        SplittableRandom random = new SplittableRandom(seed);
        Canvas canvas = new Canvas(width, height);
        if (busy) {
            Backdrop.busy(canvas, random);
        } else {
            Backdrop.room(canvas, random);
        }
        canvas.addNoise(random, random.nextDouble(2, 5));
        return canvas.toFrame();
    }

    /** {@code frames} frames of every class, seeds 0 to frames − 1. */
    public static Map<Difficulty, List<LabelledFrame>> all(int frames) {
        Map<Difficulty, List<LabelledFrame>> corpus = new EnumMap<>(Difficulty.class);
        for (Difficulty difficulty : Difficulty.values()) {
            List<LabelledFrame> list = new ArrayList<>(frames);
            for (long seed = 0; seed < frames; seed++) {
                list.add(frame(difficulty, seed));
            }
            corpus.put(difficulty, List.copyOf(list));
        }
        return corpus;
    }

    /**
     * A clean, upright, flat code of the given version, {@code modulePx} px per module, centred in a
     * {@code width}×{@code height} room with the ordinary light blur and noise; for sweeping code sizes.
     */
    public static Frame centred(String text, int version, double modulePx, int width, int height, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Canvas canvas = new Canvas(width, height);
        Backdrop.room(canvas, random);
        BitMatrix modules = encode(text, version, 4);
        double side = modulePx * modules.getWidth();
        PrintedCode code = PrintedCode.flat(modules, PrintedCode.square(width / 2.0, height / 2.0, side, 0), 215, 30);
        code.paint(canvas);
        int[] box = code.bounds(canvas);
        canvas.blur(box[0] - 4, box[1] - 4, box[2] + 4, box[3] + 4, 0.5);
        canvas.addNoise(random, 3);
        return canvas.toFrame();
    }

    /** A QR text of {@code length} Base45 characters after the credential prefix, from {@code random}. */
    static String text(SplittableRandom random, int length) {
        StringBuilder text = new StringBuilder("LP1:");
        for (int i = 0; i < length; i++) {
            text.append(BASE45.charAt(random.nextInt(BASE45.length())));
        }
        return text.toString();
    }

    /**
     * One pixel per module with a quiet zone of {@code quietModules}, error correction M;
     * {@code version} 1–40, or 0 for the smallest that holds the text.
     */
    static BitMatrix encode(String text, int version, int quietModules) {
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
        hints.put(EncodeHintType.MARGIN, quietModules);
        if (version > 0) {
            hints.put(EncodeHintType.QR_VERSION, version);
        }
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, hints);
        } catch (WriterException e) {
            throw new IllegalArgumentException("QR text of " + text.length() + " characters must fit version "
                    + version + " at error correction M", e);
        }
    }
}
