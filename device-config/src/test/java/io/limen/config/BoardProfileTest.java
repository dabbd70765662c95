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
        assertSame(BoardProfiles.TRIPOD_TURNSTILE, BoardProfiles.byName("tripod-turnstile"));
        assertSame(BoardProfiles.MAGLOCK_DOOR, BoardProfiles.byName("maglock-door"));
        assertSame(BoardProfiles.GENERIC_2RELAY_LCD, BoardProfiles.byName("generic-2relay-lcd"));
        assertEquals(5, BoardProfiles.all().size());
    }

    @Test
    void byName_unknownBoard_listsKnownNames() {
        var e = assertThrows(IllegalArgumentException.class, () -> BoardProfiles.byName("pi-zero-diy"));
        assertEquals("board must be one of [generic-2relay-lcd, limen-hat-v1, maglock-door, tripod-turnstile,"
                + " waveshare-relay-3ch], but was \"pi-zero-diy\"",
                e.getMessage());
    }

    @Test
    void fireAlarmReadingACutWireAsNormal_isRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> BoardProfiles.LIMEN_HAT_V1.withInput(BoardInput.FIRE_ALARM,
                new InputWiring(5, InputWiring.Pull.UP, false, java.time.Duration.ZERO)));
        assertEquals("fire-alarm input must read an open circuit (a cut wire) as alarm, but pull up with active-low reads it"
                + " as normal", e.getMessage());
    }

    @Test
    void sensorSharingTheBuzzerPin_isRejectedNamingBoth() {
        var e = assertThrows(IllegalArgumentException.class, () -> BoardProfiles.TRIPOD_TURNSTILE.withInput(
                BoardInput.DOOR_CONTACT, InputWiring.normallyClosed(13, java.time.Duration.ZERO)));
        assertEquals("buzzer pin must differ from door-contact pin, but both were 13", e.getMessage());
    }

    @Test
    void debounceAboveOneSecond_isRejectedWithValue() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> InputWiring.normallyOpen(6, java.time.Duration.ofMillis(1500)));
        assertEquals("debounce must be within 0..1000 ms, but was 1500 ms", e.getMessage());
    }
}
