package io.limen.agent.simulation;

import io.limen.agent.camera.Frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SyntheticSceneTest {

    private static final String TEXT = CredentialTexts.typical(1);

    @Test
    void sameSeed_rendersTheSameFrame() {
        assertEquals(SyntheticScene.withCode(TEXT, 7), SyntheticScene.withCode(TEXT, 7));
        assertEquals(SyntheticScene.withoutCode(7), SyntheticScene.withoutCode(7));
        assertEquals(SyntheticScene.withDamagedCode(TEXT, 7), SyntheticScene.withDamagedCode(TEXT, 7));
    }

    @Test
    void differentSeeds_renderDifferentFrames() {
        assertNotEquals(SyntheticScene.withCode(TEXT, 7), SyntheticScene.withCode(TEXT, 8));
    }

    @Test
    void frames_areCameraSized() {
        Frame frame = SyntheticScene.withCode(TEXT, 3);
        assertEquals(1280, frame.width());
        assertEquals(720, frame.height());
    }

    @Test
    void codeFrame_differsFromTheEmptyRoomOnlyAroundThePhone() {
        Frame code = SyntheticScene.withCode(TEXT, 11);
        Frame empty = SyntheticScene.withoutCode(11);
        int changed = 0;
        for (int i = 0; i < code.luma().length; i++) {
            if (code.luma()[i] != empty.luma()[i]) {
                changed++;
            }
        }
        // A phone of at most about 390 × 640 px changes pixels; the rest of the room stays as it was.
        assertTrue(changed > 220 * 220 && changed < 400 * 650, "changed pixels: " + changed);
    }

    @Test
    void textTooLongForAnyQrVersion_isRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> SyntheticScene.withCode("A".repeat(5000), 1));
        assertEquals("QR text must fit a version-40 symbol at error correction M, but was 5000 characters",
                e.getMessage());
    }
}
