package io.limen.agent.decode;

import io.limen.agent.camera.Frame;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A cheap look for QR finder patterns (the three nested squares in a code's corners), so that a frame
 * with none is turned away before ZXing binarizes all of it.
 *
 * <p>It does what ZXing's {@code FinderPatternFinder} does, minus the bit matrix: on the same rows ZXing
 * would scan first (every {@link #rowStep}-th), it thresholds each row against its own sliding mean and
 * looks for dark:light:dark:light:dark runs in the ratio 1:1:3:1:1 (or light:dark:light:dark:light, an
 * inverted code's); each such row is confirmed by the same ratio down the column through its centre. One confirmed pattern is enough to say "maybe": a
 * false "maybe" only costs one ZXing run, a false "no" loses a person's scan.
 *
 * <p>Thresholds have a dead band ({@link #MARGIN} either side of the mean, with hysteresis) so that
 * sensor noise on a plain wall does not flicker into runs: a swing of 2 × MARGIN = 24 grey levels is
 * needed, the same minimum contrast ZXing's HybridBinarizer asks of a block before it trusts it.
 */
final class FinderPatternScan {

    /**
     * A finder pattern seen at ({@code x}, {@code y}), modules of {@code moduleSize} px; {@code inverted}
     * when it is light on dark (a phone in dark mode shows codes so).
     */
    record Finder(int x, int y, float moduleSize, boolean inverted) {

        /** A dark-on-light pattern, as codes are printed. */
        Finder(int x, int y, float moduleSize) {
            this(x, y, moduleSize, false);
        }
    }

    /** Half the dead band around the local mean, in grey levels of one row (see the class comment). */
    static final int MARGIN = 12;

    /** ZXing's first pass assumes a code of at most 97 modules (version 20) and steps rows by that. */
    private static final int MAX_MODULES = 97;

    /** Run lengths may miss the ideal by this many modules: ZXing allows 0.5, the dead band shifts edges. */
    private static final float TOLERANCE = 0.75f;

    /**
     * The row step of ZXing's first pass over a frame of this height ({@code FinderPatternFinder.find}):
     * a pattern ZXing's first pass would meet lies on rows this scan reads too. With TRY_HARDER, ZXing
     * reads every third row, and so does this scan.
     */
    static int rowStep(int height, boolean tryHarder) {
        int skip = Math.max(3, (3 * height) / (4 * MAX_MODULES));
        return tryHarder ? 3 : skip;
    }

    /** The finder patterns found (one entry per confirmed row, so a pattern may appear several times). */
    static List<Finder> scan(Frame frame, int rowStep) {
        return scan(frame, rowStep, Integer.MAX_VALUE);
    }

    /**
     * As {@link #scan(Frame, int)}, but stops once {@code limit} hits are found: past a few hundred the
     * frame is a texture, not a code, and the caller needs only to know that.
     */
    static List<Finder> scan(Frame frame, int rowStep, int limit) {
        return List.copyOf(new FinderPatternScan().find(frame, rowStep, limit));
    }

    /** Prefix sums of one row; kept between frames so a frame with no pattern allocates nothing. */
    private int[] prefix = new int[0];
    private final int[] runs = new int[5];
    private final int[] columnRuns = new int[5];
    private final List<Finder> found = new ArrayList<>();

    /**
     * A scanner that keeps its buffers between frames, for one decoding thread (not thread-safe): a
     * frame with no pattern then costs no allocation at all.
     */
    FinderPatternScan() {
    }

    /**
     * As {@link #scan(Frame, int, int)}, into this scanner's own list: valid until its next call, and
     * to be copied by whoever keeps it.
     */
    List<Finder> find(Frame frame, int rowStep, int limit) {
        int width = frame.width();
        int height = frame.height();
        byte[] luma = frame.luma();
        // The mean is taken over about a finder pattern's width at the smallest modules a 720p camera sees.
        int reach = Math.max(8, width / 48);
        int window = 2 * reach + 1;
        // Prefix sums of the row padded by its edge pixels, so every window is full and needs no clamping.
        if (prefix.length < width + window) {
            prefix = new int[width + window];
        }
        int[] prefix = this.prefix;
        int[] runs = this.runs;
        Arrays.fill(runs, 0);
        List<Finder> found = this.found;
        found.clear();
        for (int y = rowStep - 1; y < height; y += rowStep) {
            int row = frame.rowStart(y);
            sumRow(luma, row, width, reach, prefix);
            int completed = 0;
            int runStart = 0;
            boolean dark = (luma[row] & 0xff) * window < prefix[window];
            int band = MARGIN * window;
            int x = 1;
            while (true) {
                // The tight loops: most pixels keep the colour. Pixel x's window is [x, x + window) padded.
                if (dark) {
                    while (x < width && (luma[row + x] & 0xff) * window <= prefix[x + window] - prefix[x] + band) {
                        x++;
                    }
                } else {
                    while (x < width && (luma[row + x] & 0xff) * window >= prefix[x + window] - prefix[x] - band) {
                        x++;
                    }
                }
                // A run ends at x: the row's end, or a pixel past the dead band on the other side.
                System.arraycopy(runs, 1, runs, 0, 4);
                runs[4] = x - runStart;
                completed++;
                // Five runs ending dark are a printed pattern; ending light, an inverted one (light on dark).
                int threshold;
                if (completed >= 5 && looksLikeFinder(runs) && (threshold = runThreshold(luma, row, x, runs, !dark)) >= 0) {
                    int total = runs[0] + runs[1] + runs[2] + runs[3] + runs[4];
                    int centreX = x - runs[4] - runs[3] - runs[2] / 2;
                    int centreY = crossCheckColumn(frame, centreX, y, threshold, total, !dark, columnRuns);
                    if (centreY >= 0) {
                        found.add(new Finder(centreX, centreY, total / 7f, !dark));
                        if (found.size() >= limit) {
                            return found;
                        }
                    }
                }
                if (x >= width) {
                    break;
                }
                dark = !dark;
                runStart = x;
                x++;
            }
        }
        return found;
    }

    /** {@code prefix[i]} = sum of the first i pixels of the row padded with {@code reach} copies of each edge pixel. */
    private static void sumRow(byte[] luma, int row, int width, int reach, int[] prefix) {
        int sum = 0;
        int i = 0;
        int left = luma[row] & 0xff;
        for (int k = 0; k < reach; k++) {
            prefix[i++] = sum;
            sum += left;
        }
        for (int x = 0; x < width; x++) {
            prefix[i++] = sum;
            sum += luma[row + x] & 0xff;
        }
        int right = luma[row + width - 1] & 0xff;
        for (int k = 0; k < reach; k++) {
            prefix[i++] = sum;
            sum += right;
        }
        prefix[i] = sum;
    }

    /**
     * The grey level halfway between the dark and the light runs' averages, or -1 when the light runs are
     * not on average at least 2 × {@link #MARGIN} brighter (runs 0, 2, 4 are the dark ones, or the light
     * ones when {@code inverted}). On a plain noisy wall the dead band is crossed
     * now and then by single pixels, and the runs between such crossings can happen to fall in the finder
     * ratio; their averages, though, are the wall's own grey.
     *
     * <p>The column check thresholds at this level, not at the row's moving average: a finder's centre
     * wider than the averaging window (3 modules of over 17 px at 1280 wide, a code held close) pulls the
     * average at the centre down to the centre's own dark, and every pixel of the column then passed for
     * light. The runs' own levels hold at any module size.
     */
    private static int runThreshold(byte[] luma, int row, int end, int[] runs, boolean inverted) {
        long dark = 0;
        long light = 0;
        int x = end - runs[0] - runs[1] - runs[2] - runs[3] - runs[4];
        for (int r = 0; r < 5; r++) {
            long sum = 0;
            for (int stop = x + runs[r]; x < stop; x++) {
                sum += luma[row + x] & 0xff;
            }
            if (r % 2 == 0) {
                dark += sum;
            } else {
                light += sum;
            }
        }
        int darkCount = runs[0] + runs[2] + runs[4];
        int lightCount = runs[1] + runs[3];
        // light / lightCount - dark / darkCount >= 2 * MARGIN, without dividing (the other way round inverted).
        long contrast = light * darkCount - dark * lightCount;
        if ((inverted ? -contrast : contrast) < 2L * MARGIN * lightCount * darkCount) {
            return -1;
        }
        return (int) ((light * darkCount + dark * lightCount) / (2L * lightCount * darkCount));
    }

    /** Whether five runs, dark first, are in the ratio 1:1:3:1:1 within {@link #TOLERANCE}. */
    static boolean looksLikeFinder(int[] runs) {
        int total = runs[0] + runs[1] + runs[2] + runs[3] + runs[4];
        if (total < 7) {
            return false;
        }
        float module = total / 7f;
        float slack = module * TOLERANCE;
        return Math.abs(module - runs[0]) < slack
                && Math.abs(module - runs[1]) < slack
                && Math.abs(3 * module - runs[2]) < 3 * slack
                && Math.abs(module - runs[3]) < slack
                && Math.abs(module - runs[4]) < slack;
    }

    /**
     * The y of the pattern's centre if the column through ({@code x}, {@code y}) shows the same 1:1:3:1:1
     * runs of about the same size as the row did, else -1. A row alone is fooled by stripes and text;
     * ZXing checks the column too, so a pattern that fails here would fail there.
     */
    private static int crossCheckColumn(Frame frame, int x, int y, int threshold, int rowTotal, boolean inverted, int[] runs) {
        byte[] luma = frame.luma();
        int stride = frame.stride();
        int height = frame.height();
        int limit = 2 * rowTotal;
        Arrays.fill(runs, 0);
        // Up from the centre: the centre run's upper part, then light, then dark.
        int up = y;
        for (int state = 2; state >= 0; state--) {
            boolean dark = (state != 1) != inverted;
            while (up >= 0 && runs[state] <= limit && stillSame(luma[up * stride + x] & 0xff, dark, threshold)) {
                runs[state]++;
                up--;
            }
            if (up < 0 || runs[state] > limit || runs[state] == 0) {
                return -1;
            }
        }
        int top = up + 1 + runs[0] + runs[1];
        // Down from below the centre: the rest of the centre run, then light, then dark.
        int down = y + 1;
        for (int state = 2; state <= 4; state++) {
            boolean dark = (state != 3) != inverted;
            int before = runs[state];
            while (down < height && runs[state] <= limit && stillSame(luma[down * stride + x] & 0xff, dark, threshold)) {
                runs[state]++;
                down++;
            }
            if (down >= height || runs[state] > limit || (state != 2 && runs[state] == before)) {
                return -1;
            }
        }
        int total = runs[0] + runs[1] + runs[2] + runs[3] + runs[4];
        // Same size as the row saw, within 40 % (ZXing asks the same), and the right ratios.
        if (5 * Math.abs(total - rowTotal) >= 2 * rowTotal || !looksLikeFinder(runs)) {
            return -1;
        }
        return top + runs[2] / 2;
    }

    /** Whether a pixel keeps the current colour: only a clear step past the dead band changes it. */
    private static boolean stillSame(int value, boolean dark, int threshold) {
        return dark ? value <= threshold + MARGIN : value >= threshold - MARGIN;
    }
}
