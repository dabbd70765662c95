package io.limen.agent.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.agent.simulation.CredentialTexts;
import io.limen.agent.camera.Frame;
import io.limen.agent.simulation.SyntheticScene;
import io.limen.agent.decode.FinderPatternScan.Finder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CodeAreaTest {

    private static final int SEEDS = 100;

    private final QrDecoder decoder = new QrDecoder();

    @Test
    void areaAroundTheFinders_holdsAReadableCode_andIsAFractionOfTheFrame() {
        int outlined = 0;
        int readInArea = 0;
        long areaPixels = 0;
        for (long seed = 0; seed < SEEDS; seed++) {
            String text = CredentialTexts.typical(seed);
            Frame frame = SyntheticScene.withCode(text, seed);
            Optional<Region> area = CodeArea.around(FinderPatternScan.scan(frame, FinderPatternScan.rowStep(frame.height(), false)),
                    frame.width(), frame.height());
            if (area.isEmpty()) {
                continue;
            }
            outlined++;
            areaPixels += (long) area.get().width() * area.get().height();
            readInArea += decoder.decode(frame, area.get()).filter(text::equals).isPresent() ? 1 : 0;
        }
        // Measured on these scenes: every one outlined, all but the two ZXing cannot read at all read in the area.
        assertTrue(outlined >= 95, "outlined " + outlined + " of " + SEEDS);
        assertTrue(readInArea >= outlined - 3, "read in the area " + readInArea + " of " + outlined + " outlined");
        double meanShare = (double) areaPixels / outlined / (SyntheticScene.WIDTH * SyntheticScene.HEIGHT);
        assertTrue(meanShare < 0.25, "mean area is " + meanShare + " of the frame");
    }

    @Test
    void threeFindersOfAnUprightCode_giveTheirSquarePlusMargin() {
        // Finders of a 25-module code at 4 px per module, centres 18 modules apart, each seen on two
        // rows; and one lone 1:1:3:1:1 in the data, seen on one row, which does not count.
        List<Finder> hits = List.of(new Finder(100, 100, 4), new Finder(100, 101, 4), new Finder(172, 100, 4), new Finder(172, 100, 4),
                new Finder(100, 172, 4), new Finder(101, 172, 4), new Finder(130, 140, 3));

        Region area = CodeArea.around(hits, 640, 480).orElseThrow();

        // Fourth corner at (172, 172); margin 9.5 modules = 38 px.
        assertEquals(new Region(62, 62, 148, 148), area);
    }

    @Test
    void areaIsClampedToTheFrame() {
        List<Finder> hits = twice(new Finder(10, 10, 4), new Finder(82, 10, 4), new Finder(10, 82, 4));

        assertEquals(new Region(0, 0, 120, 120), CodeArea.around(hits, 640, 480).orElseThrow());
    }

    @Test
    void twoFinders_leaveTheWholeFrameToRead() {
        assertEquals(Optional.empty(), CodeArea.around(twice(new Finder(100, 100, 4), new Finder(172, 100, 4)), 640, 480));
    }

    @Test
    void aFourthPatternElsewhere_isLeftOut() {
        Finder a = new Finder(100, 100, 4);
        Finder b = new Finder(172, 100, 4);
        Finder c = new Finder(100, 172, 4);
        Finder poster = new Finder(500, 400, 9);

        assertEquals(CodeArea.around(twice(a, b, c), 640, 480), CodeArea.around(twice(a, b, poster, c), 640, 480));
        assertEquals(Optional.of(new Region(62, 62, 148, 148)), CodeArea.around(twice(a, b, poster, c), 640, 480));
    }

    @Test
    void findersSeenOnSeveralRows_winOverLoneLookalikes() {
        List<Finder> hits = new ArrayList<>(twice(new Finder(100, 100, 4), new Finder(172, 100, 4), new Finder(100, 172, 4)));
        // A lone lookalike that would make a slightly better square with two of the real finders.
        hits.add(new Finder(172, 173, 4));

        assertEquals(Optional.of(new Region(62, 62, 148, 148)), CodeArea.around(hits, 640, 480));
    }

    @Test
    void findersThatCannotBeOneSquareCode_leaveTheWholeFrameToRead() {
        List<Finder> stretched = twice(new Finder(100, 100, 4), new Finder(400, 100, 4), new Finder(100, 160, 4));

        assertEquals(Optional.empty(), CodeArea.around(stretched, 640, 480));
    }

    @Test
    void aTextureOfLookalikes_stillLeavesTheFindersSeenOnMostRows() {
        List<Finder> hits = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            hits.addAll(twice(new Finder(100, 100, 4), new Finder(172, 100, 4), new Finder(100, 172, 4)));
        }
        // 280 lone lookalikes on a grid, as a tiled wall or a printed sheet of squares gives.
        for (int i = 0; i < 280; i++) {
            hits.add(new Finder(300 + (i % 20) * 15, 20 + (i / 20) * 30, 2));
        }

        assertEquals(Optional.of(new Region(62, 62, 148, 148)), CodeArea.around(hits, 640, 480));
    }

    @Test
    void moreHitsThanACodeGives_leaveTheWholeFrameToRead() {
        List<Finder> hits = new ArrayList<>(twice(new Finder(100, 100, 4), new Finder(172, 100, 4), new Finder(100, 172, 4)));
        for (int i = 0; i < 400; i++) {
            hits.add(new Finder(300 + (i % 20) * 15, 20 + (i / 20) * 20, 2));
        }

        assertEquals(Optional.empty(), CodeArea.around(hits, 640, 480));
    }

    /** Each finder as the scan reports a real one: on two rows. */
    private static List<Finder> twice(Finder... finders) {
        List<Finder> hits = new ArrayList<>();
        for (Finder finder : finders) {
            hits.add(finder);
            hits.add(finder);
        }
        return hits;
    }
}
