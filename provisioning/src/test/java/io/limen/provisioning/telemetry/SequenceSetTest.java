package io.limen.provisioning.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SequenceSetTest {

    private static SequenceRange r(long first, long last) {
        return new SequenceRange(first, last);
    }

    @Test
    void adjacentNumbers_mergeIntoOneRange_andGapsAreTheHolesBetween() {
        SequenceSet set = new SequenceSet();
        for (long s : new long[] {5, 7, 6, 10, 12, 11, 20}) {
            assertTrue(set.add(s));
        }
        assertFalse(set.add(6));
        assertEquals(7, set.size());
        assertEquals(5, set.min());
        assertEquals(20, set.max());
        assertEquals(List.of(r(8, 9), r(13, 19)), set.holes());
        assertEquals(2, set.gaps());
        assertEquals(9, set.missing());
        assertEquals(List.of(r(3, 4), r(8, 9), r(13, 15)), set.holes(3, 15));
        assertEquals(List.of(), set.holes(10, 12));
        assertEquals(List.of(r(21, 22)), set.holes(21, 22));
    }

    @Test
    void againstATreeSet_forRandomAdds() {
        for (int seed = 0; seed < 200; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            SequenceSet set = new SequenceSet();
            TreeSet<Long> model = new TreeSet<>();
            for (int i = 0; i < 60; i++) {
                long s = 1 + random.nextInt(80);
                assertEquals(model.add(s), set.add(s), "seed " + seed);
            }
            assertEquals(model.size(), set.size(), "seed " + seed);
            long from = 1 + random.nextInt(90);
            long to = from + random.nextInt(30);
            assertEquals(modelHoles(model, from, to), set.holes(from, to), "seed " + seed + " holes " + from + ".." + to);
            assertEquals(modelHoles(model, model.first(), model.last()), set.holes(), "seed " + seed);
        }
    }

    private static List<SequenceRange> modelHoles(TreeSet<Long> model, long from, long to) {
        List<SequenceRange> holes = new ArrayList<>();
        Long start = null;
        for (long s = from; s <= to; s++) {
            if (!model.contains(s) && start == null) {
                start = s;
            } else if (model.contains(s) && start != null) {
                holes.add(r(start, s - 1));
                start = null;
            }
        }
        if (start != null) {
            holes.add(r(start, to));
        }
        return holes;
    }
}
