package io.limen.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The pin map of one supported wiring: which Raspberry Pi GPIO (BCM number) drives the door relay, the
 * status LEDs and the buzzer, how the lock behaves without power, and how each input is wired (pin,
 * pull, polarity, debounce).
 *
 * <p>Trusted input (built-in profiles, a validated config file): an impossible map throws with the
 * subject, the rule and the value seen. Pins are BCM GPIO numbers 0..27, the ones on the 40-pin
 * header, and no two roles may share a pin. The fire-alarm input must read an open circuit as alarm
 * (its pull holds the active level), so a cut wire frees the entrance rather than locking it.
 *
 * @param name            the profile's name, as written in the config ({@code board.profile: limen-hat-v1})
 * @param relayPin        output driving the lock relay (turnstile release, strike or magnetic-lock power)
 * @param greenLedPin     output lighting the green "go" LED, on when HIGH
 * @param redLedPin       output lighting the red "refused" LED, on when HIGH
 * @param relayActiveHigh true when driving the relay pin HIGH energises the relay; false for boards
 *                        (most cheap relay modules) that energise on LOW
 * @param lockFailMode    which state the lock takes unpowered: fail-secure energises to release,
 *                        fail-safe (a magnetic lock) energises to lock
 * @param buzzerPin       output sounding the buzzer (alarms), on when HIGH; empty when the board has none
 * @param inputs          how each wired input is wired; always {@link BoardInput#FIRE_ALARM} and
 *                        {@link BoardInput#EXIT_BUTTON}
 * @param lcd             the character LCD on I2C, when the board has one
 * @param relayReadBackPin input wired to the relay's own contact, for {@code selftest} to see that the relay
 *                        really switches: the normally-open contact between the pin and GND, with the Pi's
 *                        pull-up, so it reads LOW while the relay is pulled in. Empty on a board without it
 *                        (no built-in profile has one; the test jig does). The gate never reads it.
 */
public record BoardProfile(
        String name,
        int relayPin,
        int greenLedPin,
        int redLedPin,
        boolean relayActiveHigh,
        LockFailMode lockFailMode,
        OptionalInt buzzerPin,
        Map<BoardInput, InputWiring> inputs,
        Optional<LcdWiring> lcd,
        OptionalInt relayReadBackPin) {

    /** Highest BCM GPIO number brought out on the 40-pin header. */
    public static final int MAX_BCM_PIN = 27;
    /** The BCM GPIO numbers on the 40-pin header: 0..27. */
    public static final Range BCM_PIN = new Range(0, MAX_BCM_PIN);
    /** The fire-alarm debounce of a profile built from pins alone. */
    public static final Duration DEFAULT_FIRE_ALARM_DEBOUNCE = Duration.ofMillis(10);
    /** The debounce of a button or sensor of a profile built from pins alone: a microswitch's bounce. */
    public static final Duration DEFAULT_CONTACT_DEBOUNCE = Duration.ofMillis(20);

    public BoardProfile {
        Objects.requireNonNull(name, "name must not be null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank, but was \"" + name + "\"");
        }
        Objects.requireNonNull(lockFailMode, "lockFailMode must not be null");
        Objects.requireNonNull(buzzerPin, "buzzerPin must not be null");
        Objects.requireNonNull(inputs, "inputs must not be null");
        Objects.requireNonNull(lcd, "lcd must not be null");
        Objects.requireNonNull(relayReadBackPin, "relayReadBackPin must not be null");
        Map<BoardInput, InputWiring> sorted = new EnumMap<>(BoardInput.class);
        sorted.putAll(inputs);
        inputs = Collections.unmodifiableMap(sorted);
        List<String> roles = new ArrayList<>(List.of("relay pin", "green LED pin", "red LED pin"));
        List<Integer> pins = new ArrayList<>(List.of(relayPin, greenLedPin, redLedPin));
        for (BoardInput input : BoardInput.values()) {
            InputWiring wiring = inputs.get(input);
            if (wiring == null) {
                if (input.required()) {
                    throw new IllegalArgumentException(input.label() + " pin must be wired on every board, but profile "
                            + name + " has none");
                }
                continue;
            }
            roles.add(input.label() + " pin");
            pins.add(wiring.pin());
        }
        if (buzzerPin.isPresent()) {
            roles.add("buzzer pin");
            pins.add(buzzerPin.getAsInt());
        }
        if (relayReadBackPin.isPresent()) {
            roles.add("relay read-back pin");
            pins.add(relayReadBackPin.getAsInt());
        }
        for (int i = 0; i < pins.size(); i++) {
            if (pins.get(i) < 0 || pins.get(i) > MAX_BCM_PIN) {
                throw new IllegalArgumentException(roles.get(i) + " must be a BCM GPIO number 0.." + MAX_BCM_PIN
                        + ", but was " + pins.get(i));
            }
        }
        for (int i = 1; i < pins.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (pins.get(i).equals(pins.get(j))) {
                    throw new IllegalArgumentException(roles.get(i) + " must differ from " + roles.get(j)
                            + ", but both were " + pins.get(i));
                }
            }
        }
        InputWiring fire = inputs.get(BoardInput.FIRE_ALARM);
        if (!fire.openCircuitIsActive()) {
            throw new IllegalArgumentException("fire-alarm input must read an open circuit (a cut wire) as alarm, but pull "
                    + fire.pull().configName() + " with active-" + (fire.activeHigh() ? "high" : "low") + " reads it as normal");
        }
    }

    /** A board without a relay read-back input: every wiring but the test jig's. */
    public BoardProfile(String name, int relayPin, int greenLedPin, int redLedPin, boolean relayActiveHigh, LockFailMode lockFailMode,
                        OptionalInt buzzerPin, Map<BoardInput, InputWiring> inputs, Optional<LcdWiring> lcd) {
        this(name, relayPin, greenLedPin, redLedPin, relayActiveHigh, lockFailMode, buzzerPin, inputs, lcd, OptionalInt.empty());
    }

    /**
     * A fail-secure board with a fire-alarm contact (normally closed to GND, pull-up, 10 ms) and an exit
     * button (normally open to GND, pull-up, 20 ms), no buzzer and no other inputs.
     */
    public BoardProfile(String name, int relayPin, int greenLedPin, int redLedPin, int fireAlarmPin, int exitButtonPin,
                        boolean relayActiveHigh) {
        this(name, relayPin, greenLedPin, redLedPin, relayActiveHigh, LockFailMode.FAIL_SECURE, OptionalInt.empty(),
                Map.of(BoardInput.FIRE_ALARM, InputWiring.normallyClosed(fireAlarmPin, DEFAULT_FIRE_ALARM_DEBOUNCE),
                        BoardInput.EXIT_BUTTON, InputWiring.normallyOpen(exitButtonPin, DEFAULT_CONTACT_DEBOUNCE)), Optional.empty());
    }

    /** The fire panel's input pin. */
    public int fireAlarmPin() {
        return inputs.get(BoardInput.FIRE_ALARM).pin();
    }

    /** The request-to-exit button's pin. */
    public int exitButtonPin() {
        return inputs.get(BoardInput.EXIT_BUTTON).pin();
    }

    /** How {@code input} is wired, if this board has it. */
    public Optional<InputWiring> input(BoardInput input) {
        return Optional.ofNullable(inputs.get(input));
    }

    /** Whether a rotation or passage sensor is wired (in either direction). */
    public boolean hasPassageSensor() {
        return inputs.containsKey(BoardInput.PASSAGE_ENTRY) || inputs.containsKey(BoardInput.PASSAGE_EXIT);
    }

    /** Whether a door contact is wired. */
    public boolean hasDoorContact() {
        return inputs.containsKey(BoardInput.DOOR_CONTACT);
    }

    public BoardProfile withRelayPin(int value) {
        return new BoardProfile(name, value, greenLedPin, redLedPin, relayActiveHigh, lockFailMode, buzzerPin, inputs, lcd, relayReadBackPin);
    }

    public BoardProfile withLedPins(int green, int red) {
        return new BoardProfile(name, relayPin, green, red, relayActiveHigh, lockFailMode, buzzerPin, inputs, lcd, relayReadBackPin);
    }

    public BoardProfile withRelayActiveHigh(boolean value) {
        return new BoardProfile(name, relayPin, greenLedPin, redLedPin, value, lockFailMode, buzzerPin, inputs, lcd, relayReadBackPin);
    }

    public BoardProfile withLockFailMode(LockFailMode value) {
        return new BoardProfile(name, relayPin, greenLedPin, redLedPin, relayActiveHigh, value, buzzerPin, inputs, lcd, relayReadBackPin);
    }

    public BoardProfile withBuzzerPin(OptionalInt value) {
        return new BoardProfile(name, relayPin, greenLedPin, redLedPin, relayActiveHigh, lockFailMode, value, inputs, lcd, relayReadBackPin);
    }

    public BoardProfile withLcd(Optional<LcdWiring> value) {
        return new BoardProfile(name, relayPin, greenLedPin, redLedPin, relayActiveHigh, lockFailMode, buzzerPin, inputs, value, relayReadBackPin);
    }

    public BoardProfile withRelayReadBackPin(OptionalInt value) {
        return new BoardProfile(name, relayPin, greenLedPin, redLedPin, relayActiveHigh, lockFailMode, buzzerPin, inputs, lcd, value);
    }

    /** This profile with {@code input} wired as {@code wiring}. */
    public BoardProfile withInput(BoardInput input, InputWiring wiring) {
        Map<BoardInput, InputWiring> next = new EnumMap<>(BoardInput.class);
        next.putAll(inputs);
        next.put(Objects.requireNonNull(input, "input must not be null"), Objects.requireNonNull(wiring, "wiring must not be null"));
        return new BoardProfile(name, relayPin, greenLedPin, redLedPin, relayActiveHigh, lockFailMode, buzzerPin, next, lcd, relayReadBackPin);
    }
}
