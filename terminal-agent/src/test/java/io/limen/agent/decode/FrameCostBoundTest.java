package io.limen.agent.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.PlanarYUVLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.limen.agent.simulation.CredentialTexts;
import io.limen.agent.camera.Frame;
import io.limen.agent.simulation.SyntheticScene;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * No picture stalls the entrance: a frame tiled with finder-like squares cost the camera decoder
 * 0.45–3 s (ZXing's whole-frame read weighing over a thousand candidate patterns); it is now decided
 * in milliseconds, and the budget that bounds it leaves every code the decoder read before.
 */
class FrameCostBoundTest {

    /**
     * Best of three, so one pause of a loaded machine does not fail it; a normal frame costs 0.2–2 ms and
     * a bounded flood about 5–15 ms on a desktop core, the unbounded one 450–3,000 ms.
     */
    private static final long BOUND_MILLIS = 250;

    @ParameterizedTest(name = "module {0} px, gap {1} modules")
    @CsvSource({"2, 3", "2, 4", "2, 5", "3, 3", "3, 4", "3, 5"})
    void frameTiledWithFinderLikeSquares_isDecidedWithinTheBound(int moduleSize, int gapModules) {
        Frame flood = SyntheticScene.withFinderTiles(moduleSize, gapModules, 11);
        QrDecoder decoder = new QrDecoder();
        long best = Long.MAX_VALUE;
        for (int run = 0; run < 3; run++) {
            long started = System.nanoTime();
            assertEquals(Optional.empty(), decoder.decode(flood));
            best = Math.min(best, System.nanoTime() - started);
        }
        assertTrue(best / 1_000_000 < BOUND_MILLIS, "best of 3 took " + best / 1_000_000 + " ms");
    }

    @Test
    void stillImageDecoder_isBoundedToo() {
        Frame flood = SyntheticScene.withFinderTiles(2, 3, 12);
        QrDecoder decoder = QrDecoder.forStillImages();
        long best = Long.MAX_VALUE;
        for (int run = 0; run < 3; run++) {
            long started = System.nanoTime();
            assertEquals(Optional.empty(), decoder.decode(flood));
            best = Math.min(best, System.nanoTime() - started);
        }
        assertTrue(best / 1_000_000 < BOUND_MILLIS, "best of 3 took " + best / 1_000_000 + " ms");
    }

    @Test
    void zxingOnAFlood_runsOutOfTheCandidateBudget() {
        // The deterministic half of the bound: the work is cut by a count, not by a clock.
        Frame flood = SyntheticScene.withFinderTiles(2, 3, 13);
        CandidateBudget budget = new CandidateBudget(CandidateBudget.DEFAULT_LIMIT);
        var source = new PlanarYUVLuminanceSource(flood.luma(), flood.width(), flood.height(), 0, 0, flood.width(), flood.height(), false);

        assertThrows(CandidateBudget.Exhausted.class, () -> new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)),
                Map.of(DecodeHintType.NEED_RESULT_POINT_CALLBACK, budget)));
        assertTrue(budget.exhausted());
    }

    @Test
    void codeScenes_neverComeNearTheBudget() {
        // Phones in a room showed at most 22 candidates over seeds 0-299; the budget is 100.
        for (long seed = 0; seed < 60; seed++) {
            Frame scene = SyntheticScene.withCode(CredentialTexts.typical(seed), seed);
            CandidateBudget budget = new CandidateBudget(CandidateBudget.DEFAULT_LIMIT / 2);
            var source = new PlanarYUVLuminanceSource(scene.luma(), scene.width(), scene.height(), 0, 0, scene.width(), scene.height(), false);
            try {
                new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), Map.of(DecodeHintType.NEED_RESULT_POINT_CALLBACK, budget));
            } catch (com.google.zxing.ReaderException e) {
                // Not read whole (a few are read only in their area): what matters is the count.
            }
            assertTrue(!budget.exhausted(), "seed " + seed + " used half the budget");
        }
    }

    @Test
    void budgetBelowThreeFinders_isRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> new CandidateBudget(2));
        assertEquals("candidate budget must be at least 3 (a code's three finders), but was 2", e.getMessage());
    }
}
