package io.limen.agent.simulation;

import com.google.zxing.common.BitMatrix;
import io.limen.agent.simulation.DecodeCorpus.Difficulty;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One frame of {@link DecodeCorpus} being painted: the backdrop, the code(s) its class asks for, then
 * the camera (blur over each code, exposure, noise). Every random draw comes from the one seeded
 * source, in a fixed order, so a seed always paints the same frame.
 */
final class Scene {

    private final Difficulty difficulty;
    private final SplittableRandom random;
    private final Canvas canvas;
    private final List<String> texts = new ArrayList<>();

    Scene(Difficulty difficulty, SplittableRandom random, Canvas canvas) {
        this.difficulty = difficulty;
        this.random = random;
        this.canvas = canvas;
    }

    /** Paints the frame and returns the texts of the codes in it. */
    List<String> paint() {
        int w = canvas.width;
        int h = canvas.height;
        switch (difficulty) {
            case MODULE_SIZE -> {
                Backdrop.room(canvas, random);
                BitMatrix modules = modules(4);
                // Log-uniform from 2 px to a symbol (quiet zone mostly cropped) as tall as the frame.
                int symbol = modules.getWidth() - 8;
                double largest = (double) h / (symbol + 2);
                double module = Math.exp(random.nextDouble(Math.log(2), Math.log(largest)));
                place(modules, module, Math.toRadians(random.nextDouble(-4, 4)), 0, 0);
            }
            case ROTATION -> {
                Backdrop.room(canvas, random);
                place(modules(4), ordinaryModule(), Math.toRadians(random.nextDouble(-45, 45)), 0, 0);
            }
            case PERSPECTIVE -> {
                Backdrop.room(canvas, random);
                double tilt = Math.toRadians(random.nextDouble(25, 50));
                double axis = random.nextDouble(0, 2 * Math.PI);
                place(modules(4), random.nextDouble(4, 7), Math.toRadians(random.nextDouble(-10, 10)),
                        tilt * Math.cos(axis), tilt * Math.sin(axis));
            }
            case BLUR -> {
                Backdrop.room(canvas, random);
                double module = random.nextDouble(3.5, 8);
                PrintedCode code = place(modules(4), module, angle(), 0, 0, false);
                blur(code, random.nextDouble(0.25, 0.5) * module);
            }
            case NOISE -> {
                Backdrop.room(canvas, random);
                ordinaryCode();
                canvas.addNoise(random, random.nextDouble(8, 20));
                return texts;
            }
            case LOW_CONTRAST -> {
                Backdrop.room(canvas, random);
                float dark = (float) random.nextDouble(60, 140);
                float light = dark + (float) random.nextDouble(22, 45);
                BitMatrix modules = modules(4);
                paintAndBlur(new PrintedCode(modules, outline(modules, ordinaryModule(), angle(), 0, 0), light, dark, 0, Double.NaN, 1));
            }
            case GLARE -> {
                Backdrop.room(canvas, random);
                PrintedCode code = ordinaryCode();
                int[] box = code.bounds(canvas);
                int spots = random.nextInt(1, 4);
                for (int i = 0; i < spots; i++) {
                    double size = box[2] - box[0];
                    canvas.addSpot(random.nextDouble(box[0], box[2]), random.nextDouble(box[1], box[3]),
                            size * random.nextDouble(0.06, 0.2), (float) random.nextDouble(80, 200));
                }
                canvas.scale((float) random.nextDouble(1.2, 1.8));
            }
            case INVERTED -> {
                Backdrop.room(canvas, random);
                float screen = (float) random.nextDouble(10, 50);
                float ink = (float) random.nextDouble(170, 240);
                BitMatrix modules = modules(4);
                paintAndBlur(new PrintedCode(modules, outline(modules, ordinaryModule(), angle(), 0, 0), screen, ink, 0, Double.NaN, 1));
            }
            case CURVED -> {
                Backdrop.room(canvas, random);
                BitMatrix modules = modules(4);
                float[] outline = outline(modules, random.nextDouble(4, 7), angle(), 0, 0);
                boolean bent = random.nextBoolean();
                paintAndBlur(new PrintedCode(modules, outline, light(), dark(),
                        bent ? random.nextDouble(0.5, 1.1) : 0,
                        bent ? Double.NaN : random.nextDouble(0.3, 0.7),
                        bent ? 1f : (float) random.nextDouble(0.6, 0.85)));
            }
            case SMALL_IN_BUSY_SCENE -> {
                Backdrop.busy(canvas, random);
                place(modules(4), random.nextDouble(2, 3.2), angle(), 0, 0);
            }
            case SEVERAL_CODES -> {
                Backdrop.room(canvas, random);
                int count = random.nextInt(2, 4);
                for (int i = 0; i < count; i++) {
                    BitMatrix modules = modules(4);
                    double module = Math.min(random.nextDouble(2.5, 4.5), (w / (double) count - 8) / modules.getWidth());
                    double side = module * modules.getWidth();
                    double slot = (double) w / count;
                    double cx = slot * i + slot / 2 + random.nextDouble(-1, 1) * Math.max(0, (slot - side * 1.42) / 2);
                    double cy = h / 2.0 + random.nextDouble(-1, 1) * Math.max(0, (h - side * 1.42) / 2);
                    paintAndBlur(PrintedCode.flat(modules, PrintedCode.square(cx, cy, side, angle()), light(), dark()));
                }
            }
            case FINDER_TEXTURE -> {
                Backdrop.room(canvas, random);
                // The code on one half of the frame, a patch of finder-like squares on the other.
                boolean codeLeft = random.nextBoolean();
                int patchLeft = codeLeft ? w / 2 + random.nextInt(20, w / 8) : random.nextInt(0, w / 8);
                int patchTop = random.nextInt(0, h / 3);
                Backdrop.finderTexture(canvas, random, patchLeft, patchTop, patchLeft + w / 4, patchTop + h / 3);
                BitMatrix modules = modules(4);
                double module = ordinaryModule();
                double side = module * modules.getWidth();
                double reach = side * 0.72;
                double cx = codeLeft ? random.nextDouble(reach, Math.max(reach + 1, w / 2.0 - reach)) : random.nextDouble(Math.min(w / 2.0 + reach, w - reach - 1), w - reach);
                double cy = random.nextDouble(reach, Math.max(reach + 1, h - reach));
                paintAndBlur(PrintedCode.flat(modules, PrintedCode.square(cx, cy, side, angle()), light(), dark()));
            }
            case NO_CODE -> Backdrop.busy(canvas, random);
        }
        canvas.addNoise(random, random.nextDouble(2, 5));
        return texts;
    }

    /** An ordinary code anywhere in view: the baseline every class departs from in one respect. */
    private PrintedCode ordinaryCode() {
        return place(modules(4), ordinaryModule(), angle(), 0, 0);
    }

    private PrintedCode place(BitMatrix modules, double module, double roll, double yaw, double pitch) {
        return place(modules, module, roll, yaw, pitch, true);
    }

    private PrintedCode place(BitMatrix modules, double module, double roll, double yaw, double pitch, boolean blur) {
        PrintedCode code = new PrintedCode(modules, outline(modules, module, roll, yaw, pitch), light(), dark(), 0, Double.NaN, 1);
        code.paint(canvas);
        if (blur) {
            blur(code, random.nextDouble(0.4, 0.8));
        }
        return code;
    }

    private void paintAndBlur(PrintedCode code) {
        code.paint(canvas);
        blur(code, random.nextDouble(0.4, 0.8));
    }

    private void blur(PrintedCode code, double sigma) {
        int[] box = code.bounds(canvas);
        int margin = (int) Math.ceil(3 * sigma) + 2;
        canvas.blur(box[0] - margin, box[1] - margin, box[2] + margin, box[3] + margin, sigma);
    }

    /** The modules of a fresh random text of 20–180 characters (versions 2–9 at error correction M). */
    private BitMatrix modules(int quiet) {
        String text = DecodeCorpus.text(random, random.nextInt(20, 181));
        texts.add(text);
        return DecodeCorpus.encode(text, 0, quiet);
    }

    /**
     * A placement of the code in the frame: the symbol (its quiet zone may be cut off by the frame edge
     * when it is large) kept inside, anywhere else at random.
     */
    private float[] outline(BitMatrix modules, double module, double roll, double yaw, double pitch) {
        int w = canvas.width;
        int h = canvas.height;
        double side = module * modules.getWidth();
        double symbol = module * (modules.getWidth() - 8);
        // Half the turned symbol's bounding box must stay in view; a tilt brings the near side closer.
        double reach = symbol / 2 * (Math.abs(Math.sin(roll)) + Math.abs(Math.cos(roll))) + module;
        if (yaw != 0 || pitch != 0) {
            reach *= 1.35;
        }
        double cx = reach * 2 >= w ? w / 2.0 : random.nextDouble(reach, w - reach);
        double cy = reach * 2 >= h ? h / 2.0 : random.nextDouble(reach, h - reach);
        if (yaw == 0 && pitch == 0) {
            return PrintedCode.square(cx, cy, side, roll);
        }
        return PrintedCode.tilted(cx, cy, side, roll, yaw, pitch, w);
    }

    private double ordinaryModule() {
        return random.nextDouble(3, 6);
    }

    private double angle() {
        return Math.toRadians(random.nextDouble(-8, 8));
    }

    private float light() {
        return (float) random.nextDouble(170, 235);
    }

    private float dark() {
        return (float) random.nextDouble(20, 60);
    }
}
