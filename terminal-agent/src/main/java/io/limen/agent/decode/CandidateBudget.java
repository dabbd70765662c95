package io.limen.agent.decode;

import com.google.zxing.ResultPoint;
import com.google.zxing.ResultPointCallback;

/**
 * A work budget for one ZXing read: at most {@link #limit} candidate finder and alignment patterns.
 *
 * <p>Why candidates: ZXing's {@code FinderPatternFinder} keeps every candidate centre in a list that each
 * new hit is compared against, then picks the best three by trying combinations of them, so its cost
 * grows with the cube of the candidates. A frame tiled with finder-like squares has over a thousand
 * (1,344 in a 1280×720 tile of 2-px modules: 1.4 s in one read), a camera scene with a phone 4–22,
 * an empty room at most 23 (seeds 0–299 of {@code SyntheticScene}). ZXing reports each new candidate
 * to the {@link ResultPointCallback} it is given; past the limit this throws {@link Exhausted}, which
 * ends the read at once. A count, not a clock: the same frame gives the same answer on a loaded machine.
 *
 * <p>Not thread-safe: one per decoder, {@link #reset} before each read.
 */
final class CandidateBudget implements ResultPointCallback {

    /**
     * Four times the most a scene with a code or an empty room showed; a read that reaches it costs a
     * few ms (100 candidates: 2–4 ms on a desktop core, against 37 ms for 380 and 170 ms for 640).
     */
    static final int DEFAULT_LIMIT = 100;

    /** Thrown out of ZXing when the budget is spent; no stack trace, it is an answer, not a bug. */
    static final class Exhausted extends RuntimeException {
        private Exhausted() {
            super("more candidate patterns than the budget", null, false, false);
        }
    }

    private static final Exhausted EXHAUSTED = new Exhausted();

    private final int limit;
    private int spent;
    private boolean exhausted;

    CandidateBudget(int limit) {
        if (limit < 3) {
            throw new IllegalArgumentException("candidate budget must be at least 3 (a code's three finders), but was " + limit);
        }
        this.limit = limit;
    }

    void reset() {
        spent = 0;
        exhausted = false;
    }

    /** Whether the last read was cut short by this budget. */
    boolean exhausted() {
        return exhausted;
    }

    @Override
    public void foundPossibleResultPoint(ResultPoint point) {
        if (++spent > limit) {
            exhausted = true;
            throw EXHAUSTED;
        }
    }
}
