package io.limen.agent.decode;

import io.limen.agent.decode.FinderPatternScan.Finder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Where in the frame a code lies, from the finder patterns {@link FinderPatternScan} saw: the rectangle
 * around the three that best make one code's corners and its fourth corner, with room for the quiet
 * zone. A phone's code fills a tenth of a 720p frame, so ZXing binarizing only this rectangle does a
 * fraction of the work.
 */
final class CodeArea {

    /** Finder centre to code edge is 3.5 modules, the quiet zone 4 more; 2 for blur and our own error. */
    private static final float MARGIN_MODULES = 9.5f;
    /** Above this {@link Corners#error()}, three patterns are not taken for one code's finders. */
    private static final double MAX_ERROR = 0.35;
    private static final double MIN_FINDER_DISTANCE_MODULES = 13;
    /**
     * A code gives the scan 10–30 hits; hundreds mean a texture (tiles, a printed sheet of squares), where
     * grouping them would cost more than it saves: the whole frame is read instead.
     */
    static final int MAX_HITS = 300;
    /** The triples tried grow with the cube of this: 12 patterns are 220 triples. */
    private static final int MAX_CANDIDATES = 12;

    private CodeArea() {
    }

    /**
     * The area of the code the finders outline; empty when no three of them make a code's corners (fewer
     * seen, or shapes that are no square), so the caller reads the whole frame.
     */
    static Optional<Region> around(List<Finder> hits, int frameWidth, int frameHeight) {
        if (hits.size() > MAX_HITS) {
            return Optional.empty();
        }
        // Patterns seen on most rows are real finders far more often than lone ones (see Pattern).
        List<Pattern> patterns = patterns(hits).stream()
                .sorted(Comparator.comparingInt(Pattern::rows).reversed())
                .limit(MAX_CANDIDATES)
                .toList();
        Optional<Corners> corners = bestCorners(patterns.stream().filter(p -> p.rows >= 2).toList())
                .or(() -> bestCorners(patterns));
        return corners.map(c -> c.area(frameWidth, frameHeight));
    }

    /** How many different patterns the hits are (a pattern crossed by several rows counts once). */
    static int distinctPatterns(List<Finder> hits) {
        return hits.size() > MAX_HITS ? hits.size() : patterns(hits).size();
    }

    /**
     * A pattern and the number of scanned rows that crossed it. A real finder is 7 modules tall, so the
     * scan crosses it on several rows and finds the same centre each time; the data modules of a code
     * now and then line up as 1:1:3:1:1 too, mostly on one row only.
     */
    private record Pattern(Finder finder, int rows) {
    }

    private static List<Pattern> patterns(List<Finder> hits) {
        List<Finder> centres = new ArrayList<>();
        List<Integer> rows = new ArrayList<>();
        for (Finder hit : hits) {
            int known = -1;
            for (int i = 0; i < centres.size() && known < 0; i++) {
                Finder centre = centres.get(i);
                if (Math.hypot(hit.x() - centre.x(), hit.y() - centre.y()) < Math.max(2f, centre.moduleSize())) {
                    known = i;
                }
            }
            if (known < 0) {
                centres.add(hit);
                rows.add(1);
            } else {
                rows.set(known, rows.get(known) + 1);
            }
        }
        List<Pattern> patterns = new ArrayList<>(centres.size());
        for (int i = 0; i < centres.size(); i++) {
            patterns.add(new Pattern(centres.get(i), rows.get(i)));
        }
        return patterns;
    }

    /** The three patterns that look most like one code's finders: a right isosceles triangle of like modules. */
    private static Optional<Corners> bestCorners(List<Pattern> patterns) {
        Corners best = null;
        double bestError = MAX_ERROR;
        // At most MAX_CANDIDATES patterns, so trying every triple is cheap.
        for (int i = 0; i < patterns.size(); i++) {
            for (int j = i + 1; j < patterns.size(); j++) {
                for (int k = j + 1; k < patterns.size(); k++) {
                    Corners corners = Corners.of(patterns.get(i).finder, patterns.get(j).finder, patterns.get(k).finder);
                    double error = corners.error();
                    if (error < bestError) {
                        bestError = error;
                        best = corners;
                    }
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** Three finders with the corner one ({@code c}) apart: the code's other corners are {@code a} and {@code b}. */
    private record Corners(Finder c, Finder a, Finder b) {

        static Corners of(Finder p, Finder q, Finder r) {
            // The corner finder is the one not on the longest side.
            double pq = distance(p, q);
            double qr = distance(q, r);
            double pr = distance(p, r);
            if (qr >= pq && qr >= pr) {
                return new Corners(p, q, r);
            }
            return pr >= pq ? new Corners(q, p, r) : new Corners(r, p, q);
        }

        /** 0 for a perfect code; grows with unequal sides, a skewed angle and unequal module sizes. */
        double error() {
            double sideA = distance(c, a);
            double sideB = distance(c, b);
            double module = (a.moduleSize() + b.moduleSize() + c.moduleSize()) / 3;
            // Version 1, the smallest code, has its finder centres 14 modules apart.
            if (Math.min(sideA, sideB) < MIN_FINDER_DISTANCE_MODULES * module) {
                return Double.MAX_VALUE;
            }
            double sides = Math.abs(sideA - sideB) / Math.max(sideA, sideB);
            double hypotenuse = distance(a, b);
            double angle = Math.abs(hypotenuse - Math.hypot(sideA, sideB)) / hypotenuse;
            double modules = (Math.max(a.moduleSize(), Math.max(b.moduleSize(), c.moduleSize()))
                    - Math.min(a.moduleSize(), Math.min(b.moduleSize(), c.moduleSize()))) / module;
            return sides + angle + modules / 2;
        }

        Region area(int frameWidth, int frameHeight) {
            // The fourth corner completes the square: the code may be turned any way.
            float fourthX = a.x() + b.x() - c.x();
            float fourthY = a.y() + b.y() - c.y();
            float margin = MARGIN_MODULES * (a.moduleSize() + b.moduleSize() + c.moduleSize()) / 3;
            int left = clamp(Math.min(Math.min(a.x(), b.x()), Math.min(c.x(), fourthX)) - margin, frameWidth);
            int top = clamp(Math.min(Math.min(a.y(), b.y()), Math.min(c.y(), fourthY)) - margin, frameHeight);
            int right = clamp(Math.max(Math.max(a.x(), b.x()), Math.max(c.x(), fourthX)) + margin, frameWidth);
            int bottom = clamp(Math.max(Math.max(a.y(), b.y()), Math.max(c.y(), fourthY)) + margin, frameHeight);
            // Every finder lies inside the frame, so the margin keeps right > left and bottom > top.
            return new Region(left, top, right - left, bottom - top);
        }

        private static double distance(Finder p, Finder q) {
            return Math.hypot(p.x() - q.x(), p.y() - q.y());
        }
    }

    private static int clamp(float value, int limit) {
        return (int) Math.max(0, Math.min(limit, value));
    }
}
