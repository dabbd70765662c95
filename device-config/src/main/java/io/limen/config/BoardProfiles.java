package io.limen.config;

import java.time.Duration;
import java.util.Collection;
import java.util.OptionalInt;
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

    /**
     * A generic two-channel relay module (the blue optocoupled "2 Relay Module", IN1/IN2, relays energise
     * when the input is LOW) with a 16×2 character LCD on a PCF8574 I2C backpack (address 0x27, BCM 2/3).
     *
     * <pre>
     *   BCM 17  out  relay CH1 (lock), active-low; fail-secure (strike or turnstile release)
     *   BCM 18  out  relay CH2 switching a 12 V sounder: the buzzer output, HIGH = sounding
     *                (the module's CH2 is active-low too: wire the sounder to its NC contact, or invert
     *                 with a transistor; Limen drives the pin HIGH to sound)
     *   BCM 23  out  green LED (via 330 Ω), HIGH = lit
     *   BCM 24  out  red LED (via 330 Ω), HIGH = lit
     *   BCM 5   in   fire panel dry contact, normally closed to GND, pull-up: HIGH = alarm or cut wire
     *   BCM 6   in   exit button, normally open to GND, pull-up: LOW = pressed
     *   BCM 2/3      I2C to the LCD backpack
     * </pre>
     */
    public static final BoardProfile GENERIC_2RELAY_LCD = new BoardProfile("generic-2relay-lcd", 17, 23, 24, 5, 6, false)
            .withBuzzerPin(OptionalInt.of(18))
            .withLcd(java.util.Optional.of(new LcdWiring(1, 0x27, 16, 2)));

    /**
     * A tripod turnstile: the arm's release solenoid on the relay, and two rotation sensors (one per
     * direction: the cam's microswitches or opto sensors, pulsing once per third of a turn).
     *
     * <pre>
     *   BCM 17  out  relay: the release solenoid, HIGH energises; fail-secure (an unpowered arm is locked;
     *                set board.lockFailMode: fail-safe for drop-arm models that fall free without power)
     *   BCM 27  out  green LED, HIGH = lit          BCM 22  out  red LED, HIGH = lit
     *   BCM 13  out  buzzer, HIGH = sounding
     *   BCM 5   in   fire panel dry contact, normally closed to GND, pull-up: HIGH = alarm or cut wire
     *   BCM 6   in   exit (free-passage) button, normally open to GND, pull-up: LOW = pressed, 20 ms
     *   BCM 19  in   entry rotation sensor, open collector to GND, pull-up: LOW = a turn inwards, 5 ms
     *   BCM 26  in   exit rotation sensor, open collector to GND, pull-up: LOW = a turn outwards, 5 ms
     * </pre>
     */
    public static final BoardProfile TRIPOD_TURNSTILE = new BoardProfile("tripod-turnstile", 17, 27, 22, 5, 6, true)
            .withBuzzerPin(OptionalInt.of(13))
            .withInput(BoardInput.PASSAGE_ENTRY, new InputWiring(19, InputWiring.Pull.UP, false, Duration.ofMillis(5)))
            .withInput(BoardInput.PASSAGE_EXIT, new InputWiring(26, InputWiring.Pull.UP, false, Duration.ofMillis(5)));

    /**
     * A door with a magnetic lock, a reed door contact and a request-to-exit button.
     *
     * <pre>
     *   BCM 17  out  relay switching the magnetic lock's 12 V, HIGH energises; fail-safe: an unpowered
     *                lock (no power, agent dead) leaves the door free, as escape routes require
     *   BCM 27  out  green LED, HIGH = lit          BCM 22  out  red LED, HIGH = lit
     *   BCM 13  out  buzzer, HIGH = sounding
     *   BCM 5   in   fire panel dry contact, normally closed to GND, pull-up: HIGH = alarm or cut wire
     *   BCM 6   in   exit button, normally open to GND, pull-up: LOW = pressed, 20 ms
     *   BCM 16  in   door contact (reed), closed to GND while the door is shut, pull-up: HIGH = open
     *                (a cut wire reads as open), 50 ms
     * </pre>
     */
    public static final BoardProfile MAGLOCK_DOOR = new BoardProfile("maglock-door", 17, 27, 22, 5, 6, true)
            .withLockFailMode(LockFailMode.FAIL_SAFE)
            .withBuzzerPin(OptionalInt.of(13))
            .withInput(BoardInput.DOOR_CONTACT, InputWiring.normallyClosed(16, Duration.ofMillis(50)));

    private static final Map<String, BoardProfile> BY_NAME = new TreeMap<>();

    static {
        for (BoardProfile p : new BoardProfile[] {LIMEN_HAT_V1, WAVESHARE_RELAY_3CH, GENERIC_2RELAY_LCD, TRIPOD_TURNSTILE,
                MAGLOCK_DOOR}) {
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
