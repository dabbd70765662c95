package io.limen.agent.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.agent.camera.Frame;
import io.limen.agent.simulation.DecodeCorpus;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Codes of every size a terminal meets, from the smallest modules ZXing reads (2 px) to a pass held so
 * close that the symbol fills the frame's height, must pass the finder-pattern pre-scan (all three of
 * its finders seen) and decode wherever plain ZXing decodes them.
 *
 * <p>The bug this pins: the pre-scan's column check took its threshold from the row's moving average at
 * the finder's centre. When the centre (3 modules) is wider than that window (53 px at 1280 wide), the
 * average there is the centre's own dark, every column pixel then counts as light, and the frame was
 * declared empty before ZXing ran: a version-1 code of 550 px in a 720p frame was lost.
 */
class CodeSizeSweepTest {

    private static final int WIDTH = 1280;
    private static final int HEIGHT = 720;

    /** Versions 1–10, each at 2, 3, 5, 8 px per module, then up to a symbol as tall as the frame. */
    static Stream<Arguments> sizes() {
        return IntStream.rangeClosed(1, 10).boxed().flatMap(version -> {
            int symbol = 17 + 4 * version;
            // The symbol plus one module of quiet zone each side fills the height: the rest is cut off.
            double largest = (double) HEIGHT / (symbol + 2);
            return Stream.of(2.0, 3.0, 5.0, 8.0, largest * 0.5, largest * 0.75, largest)
                    .filter(module -> module <= largest)
                    .map(module -> Arguments.of(version, module));
        });
    }

    @ParameterizedTest(name = "version {0} at {1} px per module")
    @MethodSource("sizes")
    void everyCodeSize_passesThePreScan_andDecodes(int version, double modulePx) {
        String text = "LP1:SIZE" + version;
        Frame frame = DecodeCorpus.centred(text, version, modulePx, WIDTH, HEIGHT, version * 1000L + (long) modulePx);
        List<FinderPatternScan.Finder> seen = FinderPatternScan.scan(frame, FinderPatternScan.rowStep(HEIGHT, false));
        // The symbol is centred: its finders' centres lie 3.5 modules in from three of its corners.
        double half = modulePx * (17 + 4 * version) / 2;
        double in = half - 3.5 * modulePx;
        double[][] finders = {{-in, -in}, {in, -in}, {-in, in}};
        for (double[] finder : finders) {
            double x = WIDTH / 2.0 + finder[0];
            double y = HEIGHT / 2.0 + finder[1];
            assertTrue(seen.stream().anyMatch(f -> Math.hypot(f.x() - x, f.y() - y) < Math.max(2, modulePx)),
                    "the pre-scan missed the finder pattern at " + (int) x + "," + (int) y + "; it saw " + seen);
        }
        // One of these 70 frames (version 10 at 3 px) ZXing itself misreads whole (a FormatException):
        // the camera path must read every frame that plain ZXing reads.
        Optional<String> plain = new QrDecoder().decode(frame, new Region(0, 0, WIDTH, HEIGHT));
        if (plain.isPresent() || modulePx > 3) {
            assertEquals(Optional.of(text), new QrDecoder().decode(frame));
        }
    }
}
