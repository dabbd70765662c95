package io.limen.config;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * The built-in pin maps, one per supported wiring. A config names one with {@code board:}.
 *
 * <p>Every profile keeps clear of the pins other parts of the terminal use: BCM 0/1 (HAT ID EEPROM),
 * BCM 2/3 (I2C, the status LCD), BCM 7..11 (SPI) and BCM 14/15 (serial console).
 */
public final class BoardProfiles {

    /**
     * The Limen HAT, revision 1.
     *
     * <pre>
     *   BCM 17  out  relay, through a logic-level MOSFET; HIGH energises. A 10 kΩ pull-down on the gate
     *                keeps the relay released while the pin floats (boot, process dead).
     *   BCM 27  out  green LED (via 330 Ω), HIGH = lit
     *   BCM 22  out  red LED (via 330 Ω), HIGH = lit
     *   BCM 5   in   fire panel dry contact, opto-isolated; normally closed to GND, internal pull-up:
     *                LOW = normal, HIGH = alarm or cut wire
     *   BCM 6   in   exit button, normally open to GND, internal pull-up: LOW = pressed
     *   BCM 2/3      I2C to the status LCD
     * </pre>
     */
    public static final BoardProfile LIMEN_HAT_V1 =
            new BoardProfile("limen-hat-v1", 17, 27, 22, 5, 6, true);

    /**
     * A Waveshare-style three-channel relay HAT ("RPi Relay Board": CH1 BCM 26, CH2 BCM 20, CH3
     * BCM 21) with LEDs and inputs wired to the header by hand.
     *
     * <pre>
     *   BCM 26  out  relay CH1 (door); the board's relays energise when the pin is LOW (active-low).
     *                CH2 (BCM 20) and CH3 (BCM 21) are not used by Limen.
     *   BCM 23  out  green LED (via 330 Ω), HIGH = lit
     *   BCM 24  out  red LED (via 330 Ω), HIGH = lit
     *   BCM 16  in   fire panel dry contact, normally closed to GND, internal pull-up: HIGH = alarm
     *   BCM 12  in   exit button, normally open to GND, internal pull-up: LOW = pressed
     * </pre>
     *
     * Active-low boards need a check at commissioning that the relay stays released while the pin
     * floats (before the agent starts, and after it dies): Limen can only drive the pin while it runs.
     */
    public static final BoardProfile WAVESHARE_RELAY_3CH =
            new BoardProfile("waveshare-relay-3ch", 26, 23, 24, 16, 12, false);

    private static final Map<String, BoardProfile> BY_NAME = new TreeMap<>();

    static {
        for (BoardProfile p : new BoardProfile[] {LIMEN_HAT_V1, WAVESHARE_RELAY_3CH}) {
            BY_NAME.put(p.name(), p);
        }
    }

    private BoardProfiles() {}

    /**
     * Returns the built-in profile with this name.
     *
     * @throws IllegalArgumentException if there is none; the message lists the known names
     */
    public static BoardProfile byName(String name) {
        BoardProfile profile = BY_NAME.get(name);
        if (profile == null) {
            throw new IllegalArgumentException("board must be one of " + BY_NAME.keySet()
                    + ", but was \"" + name + "\"");
        }
        return profile;
    }

    /** All built-in profiles, sorted by name. */
    public static Collection<BoardProfile> all() {
        return BY_NAME.values().stream().toList();
    }
}
