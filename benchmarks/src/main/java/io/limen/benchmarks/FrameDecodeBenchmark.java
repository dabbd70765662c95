package io.limen.benchmarks;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.PlanarYUVLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.limen.agent.camera.Frame;
import io.limen.agent.simulation.DecodeCorpus;
import io.limen.agent.simulation.DecodeCorpus.LabelledFrame;
import io.limen.agent.simulation.SyntheticScene;
import io.limen.agent.decode.QrDecoder;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one 1280×720 frame through {@link QrDecoder} (finder-pattern pre-check, then ZXing) next to
 * plain ZXing as the decoder ran before the pre-check (HybridBinarizer + QRCodeReader straight on the Y
 * plane), in the same run: for empty frames, the common case the pre-check exists for, and for frames
 * with a code, where the pre-check is pure overhead.
 *
 * <p>Each case cycles through {@link #SEEDS} different scenes, so the figure is no one lucky frame.
 *
 * <p>{@code hostileFrame_qrDecoder} is the other end: pictures made to cost a QR decoder the most (a
 * frame tiled with finder-like squares, full-contrast noise), one kind per {@link Hostile#kind}. The
 * budget is that no frame of any content costs more than 50 times a frame with a code.
 *
 * <p>{@code emptyScene_*} and {@code difficulty_*} set the camera path and plain ZXing side by side on the
 * same frames: empty rooms and busy scenes at 640×480 and 1280×720, and each difficulty class of
 * {@link DecodeCorpus}. With {@code -prof gc}, {@code emptyFrame_qrDecoder} and {@code codeFrame_qrDecoder}
 * give the allocation per frame.
 *
 * <p>Run: {@code ./limen bench FrameDecodeBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 6, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class FrameDecodeBenchmark {

    /** Scenes per case; seeds whose code plain ZXing cannot read (about 1 in 150) are skipped. */
    private static final int SEEDS = 8;

    private static final String BASE45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

    private final QrDecoder decoder = new QrDecoder();
    private final QRCodeReader reader = new QRCodeReader();
    private final Frame[] empty = new Frame[SEEDS];
    private final Frame[] withCode = new Frame[SEEDS];
    private int next;

    @Setup
    public void setUp() {
        int filled = 0;
        for (long seed = 1; filled < SEEDS; seed++) {
            String text = credentialText(seed);
            Frame code = SyntheticScene.withCode(text, seed);
            if (!text.equals(plainZxing(code))) {
                continue;
            }
            withCode[filled] = code;
            empty[filled] = SyntheticScene.withoutCode(seed);
            // A benchmark of the wrong path is worthless: codes must read both ways, empty rooms neither.
            if (!decoder.decode(code).equals(Optional.of(text))
                    || decoder.decode(empty[filled]).isPresent() || plainZxing(empty[filled]) != null) {
                throw new IllegalStateException("benchmark fixture of seed " + seed + " does not behave");
            }
            filled++;
        }
    }

    /** The worst pictures found for the decoder; none holds a code. */
    @State(Scope.Thread)
    public static class Hostile {

        /**
         * {@code tilesMxG}: {@code SyntheticScene.withFinderTiles(M, G)}, finder-like squares of M-px
         * modules G modules apart (2×3 is the 4.5 KB PNG that cost 2 s a frame before the budget);
         * {@code noiseC}: black and white cells of C×C px at random.
         */
        @Param({"tiles2x1", "tiles2x3", "tiles3x5", "noise1", "noise3"})
        public String kind;

        Frame[] frames = new Frame[SEEDS];
        int next;

        @Setup
        public void setUp() {
            QrDecoder check = new QrDecoder();
            for (int seed = 0; seed < SEEDS; seed++) {
                frames[seed] = kind.startsWith("tiles")
                        ? SyntheticScene.withFinderTiles(kind.charAt(5) - '0', kind.charAt(7) - '0', seed)
                        : binaryNoise(Integer.parseInt(kind.substring(5)), seed);
                if (check.decode(frames[seed]).isPresent()) {
                    throw new IllegalStateException("hostile frame " + kind + " of seed " + seed + " decodes");
                }
            }
        }

        Frame nextFrame() {
            next = (next + 1) % SEEDS;
            return frames[next];
        }

        private static Frame binaryNoise(int cell, long seed) {
            int width = SyntheticScene.WIDTH;
            int height = SyntheticScene.HEIGHT;
            Random random = new Random(seed);
            byte[] luma = new byte[width * height];
            for (int top = 0; top < height; top += cell) {
                for (int left = 0; left < width; left += cell) {
                    byte value = (byte) (random.nextBoolean() ? 20 : 230);
                    for (int y = top; y < Math.min(height, top + cell); y++) {
                        for (int x = left; x < Math.min(width, left + cell); x++) {
                            luma[y * width + x] = value;
                        }
                    }
                }
            }
            return new Frame(luma, width, height);
        }
    }

    /**
     * Frames with no code, as a terminal sees them most of the day, at the two camera sizes: a plain room
     * ({@code room}) or a busy scene of shelves, printed text and tiles ({@code busy}), from
     * {@link DecodeCorpus#empty}.
     */
    @State(Scope.Thread)
    public static class EmptyScene {

        @Param({"640x480", "1280x720"})
        public String size;

        @Param({"room", "busy"})
        public String scene;

        Frame[] frames = new Frame[SEEDS];
        int next;

        @Setup
        public void setUp() {
            int width = Integer.parseInt(size.substring(0, size.indexOf('x')));
            int height = Integer.parseInt(size.substring(size.indexOf('x') + 1));
            for (int seed = 0; seed < SEEDS; seed++) {
                frames[seed] = DecodeCorpus.empty(scene.equals("busy"), seed, width, height);
            }
        }

        Frame nextFrame() {
            next = (next + 1) % SEEDS;
            return frames[next];
        }
    }

    /**
     * Frames of one difficulty class of {@link DecodeCorpus}, seeds 0–7, 1280×720. The setup prints how
     * many of them each decoder reads (the rates over 30 seeds are {@code CameraPathRateTest}'s).
     */
    @State(Scope.Thread)
    public static class Class {

        @Param
        public DecodeCorpus.Difficulty difficulty;

        LabelledFrame[] frames = new LabelledFrame[SEEDS];
        int next;

        @Setup
        public void setUp() {
            QrDecoder camera = new QrDecoder();
            QRCodeReader plain = new QRCodeReader();
            int cameraRead = 0;
            int plainRead = 0;
            for (int seed = 0; seed < SEEDS; seed++) {
                frames[seed] = DecodeCorpus.frame(difficulty, seed);
                cameraRead += frames[seed].isReadBy(camera.decode(frames[seed].frame())) ? 1 : 0;
                plainRead += frames[seed].isReadBy(Optional.ofNullable(plainZxing(plain, frames[seed].frame()))) ? 1 : 0;
            }
            System.out.printf("%n%s: camera path reads %d, plain ZXing %d of %d%n", difficulty, cameraRead, plainRead, SEEDS);
        }

        Frame nextFrame() {
            next = (next + 1) % SEEDS;
            return frames[next].frame();
        }
    }

    @Benchmark
    public Optional<String> emptyScene_qrDecoder(EmptyScene scene) {
        return decoder.decode(scene.nextFrame());
    }

    @Benchmark
    public String emptyScene_plainZxing(EmptyScene scene) {
        return plainZxing(scene.nextFrame());
    }

    @Benchmark
    public Optional<String> difficulty_qrDecoder(Class frames) {
        return decoder.decode(frames.nextFrame());
    }

    @Benchmark
    public String difficulty_plainZxing(Class frames) {
        return plainZxing(frames.nextFrame());
    }

    @Benchmark
    public Optional<String> hostileFrame_qrDecoder(Hostile hostile) {
        return decoder.decode(hostile.nextFrame());
    }

    @Benchmark
    public Optional<String> emptyFrame_qrDecoder() {
        return decoder.decode(empty[nextIndex()]);
    }

    @Benchmark
    public String emptyFrame_plainZxing() {
        return plainZxing(empty[nextIndex()]);
    }

    @Benchmark
    public Optional<String> codeFrame_qrDecoder() {
        return decoder.decode(withCode[nextIndex()]);
    }

    @Benchmark
    public String codeFrame_plainZxing() {
        return plainZxing(withCode[nextIndex()]);
    }

    private int nextIndex() {
        next = (next + 1) % SEEDS;
        return next;
    }

    /**
     * Plain ZXing: HybridBinarizer, QR only, the whole frame, no TRY_HARDER; what {@code QrDecoder.decode(Frame)}
     * did before the pre-check, minus its rare second binarizer.
     */
    private String plainZxing(Frame frame) {
        return plainZxing(reader, frame);
    }

    private static String plainZxing(QRCodeReader reader, Frame frame) {
        var source = new PlanarYUVLuminanceSource(frame.luma(), frame.stride(), frame.height(),
                0, 0, frame.width(), frame.height(), false);
        try {
            return reader.decode(new BinaryBitmap(new HybridBinarizer(source))).getText();
        } catch (ReaderException e) {
            return null;
        } finally {
            reader.reset();
        }
    }

    /** Like the tests' credential texts: {@code LP1:} and 300 Base45 characters, as a signed credential is. */
    private static String credentialText(long seed) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder("LP1:");
        for (int i = 0; i < 300; i++) {
            text.append(BASE45.charAt(random.nextInt(BASE45.length())));
        }
        return text.toString();
    }
}
