package io.limen.config;

import java.util.Objects;

/**
 * The pin map of one supported wiring: which Raspberry Pi GPIO (BCM number) drives the door relay and
 * the two status LEDs, and which reads the fire-alarm contact and the exit button.
 *
 * <p>Trusted input (built-in profiles, a validated config file): an impossible map throws with the
 * subject, the rule and the value seen. Pins are BCM GPIO numbers 0..27, the ones on the 40-pin
 * header, and no two roles may share a pin.
 *
 * @param name            the profile's name, as written in the config ({@code board: limen-hat-v1})
 * @param relayPin        output driving the door relay (turnstile release or lock power)
 * @param greenLedPin     output lighting the green "go" LED, on when HIGH
 * @param redLedPin       output lighting the red "refused" LED, on when HIGH
 * @param fireAlarmPin    input from the fire panel's dry contact
 * @param exitButtonPin   input from the request-to-exit button
 * @param relayActiveHigh true when driving the relay pin HIGH energises the relay; false for boards
 *                        (most cheap relay modules) that energise on LOW
 */
public record BoardProfile(
        String name,
        int relayPin,
        int greenLedPin,
        int redLedPin,
        int fireAlarmPin,
        int exitButtonPin,
        boolean relayActiveHigh) {

    /** Highest BCM GPIO number brought out on the 40-pin header. */
    public static final int MAX_BCM_PIN = 27;
    /** The BCM GPIO numbers on the 40-pin header: 0..27. */
    public static final Range BCM_PIN = new Range(0, MAX_BCM_PIN);

    public BoardProfile {
        Objects.requireNonNull(name, "name must not be null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank, but was \"" + name + "\"");
        }
        String[] roles = {"relay pin", "green LED pin", "red LED pin", "fire-alarm pin", "exit-button pin"};
        int[] pins = {relayPin, greenLedPin, redLedPin, fireAlarmPin, exitButtonPin};
        for (int i = 0; i < pins.length; i++) {
            if (pins[i] < 0 || pins[i] > MAX_BCM_PIN) {
                throw new IllegalArgumentException(roles[i] + " must be a BCM GPIO number 0.." + MAX_BCM_PIN
                        + ", but was " + pins[i]);
            }
        }
        for (int i = 1; i < pins.length; i++) {
            for (int j = 0; j < i; j++) {
                if (pins[i] == pins[j]) {
                    throw new IllegalArgumentException(roles[i] + " must differ from " + roles[j]
                            + ", but both were " + pins[i]);
                }
            }
        }
    }
}
