package io.limen.agent.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.agent.simulation.DecodeCorpus.Difficulty;
import io.limen.agent.simulation.DecodeCorpus.LabelledFrame;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DecodeCorpusTest {

    @ParameterizedTest
    @EnumSource(Difficulty.class)
    void sameClassAndSeed_giveTheSameFrameAndLabels_otherSeedsOthers(Difficulty difficulty) {
        LabelledFrame first = DecodeCorpus.frame(difficulty, 5);
        LabelledFrame again = DecodeCorpus.frame(difficulty, 5);
        assertEquals(first.frame(), again.frame());
        assertEquals(first.texts(), again.texts());
        assertNotEquals(first.frame(), DecodeCorpus.frame(difficulty, 6).frame());
        assertEquals(DecodeCorpus.WIDTH, first.frame().width());
        assertEquals(DecodeCorpus.HEIGHT, first.frame().height());
    }

    @ParameterizedTest
    @EnumSource(value = Difficulty.class, names = {"NO_CODE", "SEVERAL_CODES"}, mode = EnumSource.Mode.EXCLUDE)
    void everyClassWithACode_labelsExactlyOneText(Difficulty difficulty) {
        for (long seed = 0; seed < 5; seed++) {
            assertEquals(1, DecodeCorpus.frame(difficulty, seed).texts().size(), difficulty + " seed " + seed);
        }
    }

    @Test
    void severalCodes_labelsTwoOrThree_andNoCode_none() {
        for (long seed = 0; seed < 10; seed++) {
            int count = DecodeCorpus.frame(Difficulty.SEVERAL_CODES, seed).texts().size();
            assertTrue(count == 2 || count == 3, "seed " + seed + ": " + count);
            assertTrue(DecodeCorpus.frame(Difficulty.NO_CODE, seed).texts().isEmpty());
        }
    }

    @Test
    void aFrameIsRead_onlyByOneOfItsTexts_orByNothingWhenItHasNone() {
        LabelledFrame code = DecodeCorpus.frame(Difficulty.ROTATION, 0);
        assertTrue(code.isReadBy(Optional.of(code.texts().get(0))));
        assertFalse(code.isReadBy(Optional.of("LP1:OTHER")));
        assertFalse(code.isReadBy(Optional.empty()));
        LabelledFrame none = DecodeCorpus.frame(Difficulty.NO_CODE, 0);
        assertTrue(none.isReadBy(Optional.empty()));
        assertFalse(none.isReadBy(Optional.of("LP1:ANY")));
    }

    @Test
    void emptyScenes_areDeterministic_atAnySize() {
        assertEquals(DecodeCorpus.empty(true, 3, 640, 480), DecodeCorpus.empty(true, 3, 640, 480));
        assertNotEquals(DecodeCorpus.empty(true, 3, 640, 480), DecodeCorpus.empty(false, 3, 640, 480));
    }

    @Test
    void framesSmallerThan320x240_areRefusedNamingTheSize() {
        var e = assertThrows(IllegalArgumentException.class, () -> DecodeCorpus.frame(Difficulty.BLUR, 0, 200, 100));
        assertEquals("corpus frames must be at least 320x240, but were 200x100", e.getMessage());
    }
}
