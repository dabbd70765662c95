package io.limen.agent.decode;

import com.google.zxing.Binarizer;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.ChecksumException;
import com.google.zxing.DecodeHintType;
import com.google.zxing.FormatException;
import com.google.zxing.InvertedLuminanceSource;
import com.google.zxing.LuminanceSource;
import com.google.zxing.NotFoundException;
import com.google.zxing.PlanarYUVLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.limen.agent.camera.Frame;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds and reads a QR code in a camera frame, with ZXing, straight from the frame's luma plane.
 *
 * <p>A frame is hostile input: whatever is in front of the camera, {@code decode} returns a text or
 * empty and never throws. Empty covers "no code in view" and "a code too damaged to read" alike; the
 * camera sends another frame in 33 ms either way.
 *
 * <p>Not thread-safe: it reuses one ZXing reader. Give each decode thread its own instance.
 */
public final class QrDecoder {

    /** For an image that is nothing but a code, as {@code provision issue} writes one. */
    private static final Map<DecodeHintType, Object> PURE_BARCODE = Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE);

    private final QRCodeReader reader = new QRCodeReader();
    /** Keeps its row buffers between frames: a frame with no finder pattern allocates nothing. */
    private final FinderPatternScan scan = new FinderPatternScan();
    /** Bounds every ZXing read of this decoder; ZXing calls it with each candidate pattern it finds. */
    private final CandidateBudget budget = new CandidateBudget(CandidateBudget.DEFAULT_LIMIT);
    private final Map<DecodeHintType, Object> hints;
    private final boolean tryHarder;
    private final boolean stillImages;

    /**
     * The decoder the agent runs: without TRY_HARDER. On 1000 synthetic scenes it read the same number of
     * codes with and without (982), and cost some 5–10 % more per frame, most of it on frames with no code.
     */
    public QrDecoder() {
        this(false);
    }

    /**
     * @param tryHarder whether ZXing scans every row for finder patterns instead of every few rows.
     *     ZXing turns a hint on by its presence, whatever its value ({@code TRY_HARDER=false} still tries
     *     harder), so the hint is put in the map only when wanted.
     */
    public QrDecoder(boolean tryHarder) {
        this(tryHarder, false);
    }

    private QrDecoder(boolean tryHarder, boolean stillImages) {
        Map<DecodeHintType, Object> wanted = new EnumMap<>(DecodeHintType.class);
        wanted.put(DecodeHintType.NEED_RESULT_POINT_CALLBACK, budget);
        if (tryHarder) {
            wanted.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
        }
        this.hints = Map.copyOf(wanted);
        this.tryHarder = tryHarder;
        this.stillImages = stillImages;
    }

    /**
     * The decoder for image files ({@code scan}): each image is looked at once, so it gets every try
     * and no shortcut: the whole image with TRY_HARDER, then ZXing's reading of an image that is
     * nothing but a code. ZXing's finder search misses a few perfectly clean codes of the kind
     * {@code provision issue} writes (4 of the 300 in {@code IssuedImagesDecodeTest}, 10 of 300 with
     * other keys), which that second reading gets.
     */
    public static QrDecoder forStillImages() {
        return new QrDecoder(true, true);
    }

    /**
     * The text of the QR code in the frame, or empty if none can be read.
     *
     * <p>Most frames hold no code, so a cheap scan for finder patterns ({@link FinderPatternScan}) turns
     * those away before ZXing binarizes anything; a frame with patterns is read first in the area they
     * outline ({@link CodeArea}), and whole only if that fails.
     *
     * <p>No frame costs more than a bounded amount of work, whatever it shows: the finder scan stops
     * counting once a frame has more patterns than any code makes, and every ZXing read is cut short
     * past {@link CandidateBudget#DEFAULT_LIMIT} candidate patterns (a wall tiled with finder-like
     * squares cost ZXing 2 s a frame without it). A frame whose area read already ran out of budget
     * is not read whole (the whole frame holds at least as many candidates), nor one whose area is
     * most of the frame already (noise at full contrast outlines such areas; reading twice doubles the cost).
     */
    public Optional<String> decode(Frame frame) {
        if (stillImages) {
            Region whole = new Region(0, 0, frame.width(), frame.height());
            return decode(frame, whole).or(() -> readOrEmpty(new HybridBinarizer(source(frame, whole)), PURE_BARCODE));
        }
        List<FinderPatternScan.Finder> finders = scan.find(frame,
                FinderPatternScan.rowStep(frame.height(), tryHarder), CodeArea.MAX_HITS + 1);
        if (finders.isEmpty()) {
            return Optional.empty();
        }
        // ZXing's QR reader reads dark on light only (it ignores ALSO_INVERTED): a light-on-dark code is
        // read from the inverted luma, and only when the scan saw light-on-dark finders, so an empty frame
        // costs no second read. The polarity seen more often goes first: a light-on-dark code's data
        // modules show a few dark-on-light patterns too, and the other way round.
        List<FinderPatternScan.Finder> printed = new ArrayList<>(finders.size());
        List<FinderPatternScan.Finder> inverted = new ArrayList<>();
        for (FinderPatternScan.Finder finder : finders) {
            (finder.inverted() ? inverted : printed).add(finder);
        }
        boolean invertedFirst = inverted.size() > printed.size();
        return read(frame, invertedFirst ? inverted : printed, invertedFirst)
                .or(() -> read(frame, invertedFirst ? printed : inverted, !invertedFirst));
    }

    /** Reads where the finders say the code is; the whole frame only when that fails or is unclear. */
    private Optional<String> read(Frame frame, List<FinderPatternScan.Finder> finders, boolean inverted) {
        if (finders.isEmpty()) {
            return Optional.empty();
        }
        Region whole = new Region(0, 0, frame.width(), frame.height());
        Optional<Region> area = CodeArea.around(finders, frame.width(), frame.height());
        Optional<String> text = area.flatMap(a -> decode(frame, a, inverted));
        if (text.isPresent() || area.filter(a -> budget.exhausted() || coversMostOf(a, whole)).isPresent()) {
            return text;
        }
        if (area.isEmpty() && !wholeFrameWorthReading(finders, inverted)) {
            return Optional.empty();
        }
        return decode(frame, whole, inverted);
    }

    /**
     * The text of a QR code inside {@code region} of the frame (where the last code was seen, say), or
     * empty. The region is the caller's own choice, so one outside the frame is a bug and throws. ZXing
     * reads the region without the finder-pattern pre-check: the caller already has reason to look there.
     */
    public Optional<String> decode(Frame frame, Region region) {
        return decode(frame, region, false);
    }

    /** As {@link #decode(Frame, Region)}, of the inverted luma when {@code inverted} (a light-on-dark code). */
    private Optional<String> decode(Frame frame, Region region, boolean inverted) {
        region.requireInside(frame.width(), frame.height());
        LuminanceSource source = inverted ? new InvertedLuminanceSource(source(frame, region)) : source(frame, region);
        try {
            return Optional.of(read(new HybridBinarizer(source), hints));
        } catch (ChecksumException | FormatException e) {
            // A code was found but not read: noise can fool the local thresholds on small modules, and
            // one global threshold often reads it. Paid only on such frames, not on the empty ones.
            return readOrEmpty(new GlobalHistogramBinarizer(source), hints);
        } catch (NotFoundException | RuntimeException e) {
            // No code in view; or ZXing tripped over odd geometry (it has thrown index errors): either
            // way the next frame comes in 33 ms, and a frame must never stop the agent.
            return Optional.empty();
        }
    }

    /**
     * Whether finders that outline no code still justify reading the whole frame. ZXing needs three
     * finders; the scan reads only every few rows and may miss one, so two distinct patterns of dark on
     * light are worth a read. One pattern alone is what busy scenes (print, shelves, tiles) show in half
     * their frames, and reading those whole cost more than plain ZXing itself; light-on-dark patterns
     * there are mostly gaps between printed glyphs, so inverted codes are read only where three
     * patterns outline one.
     */
    private static boolean wholeFrameWorthReading(List<FinderPatternScan.Finder> finders, boolean inverted) {
        return !inverted && CodeArea.distinctPatterns(finders) >= 2;
    }

    /** Whether {@code area} is at least three quarters of {@code whole}: reading the rest adds little. */
    private static boolean coversMostOf(Region area, Region whole) {
        return 4L * area.width() * area.height() >= 3L * whole.width() * whole.height();
    }

    /** Reads the frame's own array in place: no copy of the Y plane, and the crop is free. */
    private static LuminanceSource source(Frame frame, Region region) {
        return new PlanarYUVLuminanceSource(frame.luma(), frame.stride(), frame.height(),
                region.left(), region.top(), region.width(), region.height(), false);
    }

    private Optional<String> readOrEmpty(Binarizer binarizer, Map<DecodeHintType, Object> with) {
        try {
            return Optional.of(read(binarizer, with));
        } catch (ReaderException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** @throws CandidateBudget.Exhausted when ZXing finds more candidate patterns than the budget allows */
    private String read(Binarizer binarizer, Map<DecodeHintType, Object> with) throws NotFoundException, ChecksumException, FormatException {
        budget.reset();
        try {
            return reader.decode(new BinaryBitmap(binarizer), with).getText();
        } finally {
            reader.reset();
        }
    }
}
