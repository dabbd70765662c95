package io.limen.provisioning.telemetry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The sequence numbers of one terminal seen so far, as disjoint, non-adjacent ranges: a terminal whose
 * scans all arrive costs one range, whatever their number; each gap adds one. Not thread-safe.
 */
final class SequenceSet {

    /** first → last of each range; no two ranges touch (they are merged). */
    private final NavigableMap<Long, Long> ranges = new TreeMap<>();
    private long size;

    /** Whether {@code sequence} is in the set. */
    boolean contains(long sequence) {
        Map.Entry<Long, Long> floor = ranges.floorEntry(sequence);
        return floor != null && floor.getValue() >= sequence;
    }

    /** Adds {@code sequence}; false if it was there already. */
    boolean add(long sequence) {
        if (contains(sequence)) {
            return false;
        }
        long first = sequence;
        long last = sequence;
        Map.Entry<Long, Long> below = ranges.floorEntry(sequence);
        if (below != null && below.getValue() == sequence - 1) {
            first = below.getKey();
        }
        Long aboveLast = sequence == Long.MAX_VALUE ? null : ranges.remove(sequence + 1);
        if (aboveLast != null) {
            last = aboveLast;
        }
        ranges.put(first, last);
        size++;
        return true;
    }

    boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** The lowest number; the set must not be empty. */
    long min() {
        return ranges.firstKey();
    }

    /** The highest number; the set must not be empty. */
    long max() {
        return ranges.lastEntry().getValue();
    }

    /** How many numbers the set holds. */
    long size() {
        return size;
    }

    /** How many gaps lie between its lowest and highest number (each a run of missing numbers). */
    int gaps() {
        return Math.max(0, ranges.size() - 1);
    }

    /** How many numbers between its lowest and highest are missing. */
    long missing() {
        return isEmpty() ? 0 : max() - min() + 1 - size;
    }

    /** The runs of numbers missing within {@code from..to}, in order; costs the ranges in that span. */
    List<SequenceRange> holes(long from, long to) {
        List<SequenceRange> holes = new ArrayList<>();
        long next = from; // the lowest number not yet known to be present or reported
        Map.Entry<Long, Long> floor = ranges.floorEntry(from);
        if (floor != null && floor.getValue() >= from) {
            next = floor.getValue() + 1;
        }
        for (Map.Entry<Long, Long> range : ranges.subMap(from, false, to, true).entrySet()) {
            if (range.getKey() > next) {
                holes.add(new SequenceRange(next, range.getKey() - 1));
            }
            next = Math.max(next, range.getValue() + 1);
        }
        if (next <= to) {
            holes.add(new SequenceRange(next, to));
        }
        return holes;
    }

    /** All gaps between the lowest and highest number. */
    List<SequenceRange> holes() {
        return isEmpty() ? List.of() : holes(min(), max());
    }
}
