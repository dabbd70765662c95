package io.limen.hardware;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import java.util.ArrayList;
import java.util.List;

/**
 * Simulated wires between Pi4J mock pins: each wire carries an output's level to an input, as a jumper
 * on the test jig does, so what a test reads on the input is what the output really did (Pi4J's own
 * state-change events carry it, not the gate's bookkeeping). A wire may invert (a relay contact to GND
 * with a pull-up reads LOW while the relay is pulled in).
 */
final class Wiring {

    private final List<Runnable> unwire = new ArrayList<>();

    /** Connects {@code from} to {@code to}: {@code to} takes {@code from}'s level now and at every change. */
    void wire(DigitalOutput from, MockDigitalInput to, boolean invert) {
        to.mockState(carry(from.state(), invert));
        var listener = (com.pi4j.io.gpio.digital.DigitalStateChangeListener) event -> to.mockState(carry(event.state(), invert));
        from.addListener(listener);
        unwire.add(() -> from.removeListener(listener));
    }

    private static DigitalState carry(DigitalState level, boolean invert) {
        return invert ? DigitalState.getInverseState(level) : level;
    }

    /** Cuts every wire. */
    void cutAll() {
        unwire.forEach(Runnable::run);
        unwire.clear();
    }
}
