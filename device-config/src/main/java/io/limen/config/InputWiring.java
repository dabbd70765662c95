package io.limen.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How one input is wired: which pin, which pull resistor holds it when the contact is open, which level
 * means "active", and how long a level must hold before it counts.
 *
 * @param pin        the BCM GPIO number, 0..27
 * @param pull       the Pi's internal pull resistor on the pin
 * @param activeHigh true when HIGH means active (a normally-closed contact to GND with a pull-up reads
 *                   HIGH when it opens); false when LOW does (a normally-open button to GND with a pull-up)
 * @param debounce   how long a level must hold before it counts, 0..1 s (contact bounce)
 */
public record InputWiring(int pin, Pull pull, boolean activeHigh, Duration debounce) {

    /** {@link #debounce} in milliseconds. */
    public static final Range DEBOUNCE_MS = new Range(0, 1_000);

    /** The Pi's internal pull resistor. */
    public enum Pull {
        UP, DOWN, NONE;

        /** The name a config file writes: {@code up}, {@code down}, {@code none}. */
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public InputWiring {
        Objects.requireNonNull(pull, "pull must not be null");
        Checks.within("debounce", debounce, DEBOUNCE_MS);
    }

    /** A normally-closed contact to GND with the pull-up: open (or a cut wire) is active. */
    public static InputWiring normallyClosed(int pin, Duration debounce) {
        return new InputWiring(pin, Pull.UP, true, debounce);
    }

    /** A normally-open contact to GND with the pull-up: closed (pressed) is active. */
    public static InputWiring normallyOpen(int pin, Duration debounce) {
        return new InputWiring(pin, Pull.UP, false, debounce);
    }

    /** Whether an open circuit (a cut wire, a contact gone) reads as active: the pull holds the active level. */
    public boolean openCircuitIsActive() {
        return (pull == Pull.UP && activeHigh) || (pull == Pull.DOWN && !activeHigh);
    }

    public InputWiring withPin(int value) {
        return new InputWiring(value, pull, activeHigh, debounce);
    }

    public InputWiring withDebounce(Duration value) {
        return new InputWiring(pin, pull, activeHigh, value);
    }
}
