package io.limen.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BoardProfileTest {

    @Test
    void validProfile_keepsItsValues() {
        BoardProfile p = new BoardProfile("bench", 17, 27, 22, 5, 6, false);
        assertEquals(17, p.relayPin());
        assertFalse(p.relayActiveHigh());
    }

    @Test
    void pinAboveHeaderRange_isRejectedWithRoleAndValue() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new BoardProfile("bench", 40, 27, 22, 5, 6, true));
        assertEquals("relay pin must be a BCM GPIO number 0..27, but was 40", e.getMessage());
    }

    @Test
    void negativePin_isRejectedWithRoleAndValue() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new BoardProfile("bench", 17, 27, 22, -1, 6, true));
        assertEquals("fire-alarm pin must be a BCM GPIO number 0..27, but was -1", e.getMessage());
    }

    @Test
    void sharedPin_isRejectedNamingBothRoles() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new BoardProfile("bench", 17, 17, 22, 5, 6, true));
        assertEquals("green LED pin must differ from relay pin, but both were 17", e.getMessage());
    }

    @Test
    void inputSharingAnOutputPin_isRejected() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new BoardProfile("bench", 17, 27, 22, 5, 22, true));
        assertEquals("exit-button pin must differ from red LED pin, but both were 22", e.getMessage());
    }

    @Test
    void blankName_isRejected() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new BoardProfile(" ", 17, 27, 22, 5, 6, true));
        assertEquals("name must not be blank, but was \" \"", e.getMessage());
    }

    @Test
    void nullName_isRejected() {
        var e = assertThrows(NullPointerException.class,
                () -> new BoardProfile(null, 17, 27, 22, 5, 6, true));
        assertEquals("name must not be null", e.getMessage());
    }

    @Test
    void byName_findsBuiltInProfiles() {
        assertSame(BoardProfiles.LIMEN_HAT_V1, BoardProfiles.byName("limen-hat-v1"));
        assertSame(BoardProfiles.WAVESHARE_RELAY_3CH, BoardProfiles.byName("waveshare-relay-3ch"));
        assertEquals(2, BoardProfiles.all().size());
    }

    @Test
    void byName_unknownBoard_listsKnownNames() {
        var e = assertThrows(IllegalArgumentException.class, () -> BoardProfiles.byName("pi-zero-diy"));
        assertEquals("board must be one of [limen-hat-v1, waveshare-relay-3ch], but was \"pi-zero-diy\"",
                e.getMessage());
    }
}
