package io.limen.agent.gate;

import com.pi4j.io.gpio.digital.Digital;
import com.pi4j.io.gpio.digital.DigitalOutput;
import io.limen.agent.signal.SignalOutput;
import io.limen.agent.signal.SignalOutputs;

import java.util.EnumMap;
import java.util.Map;

/**
 * The gate's LED and buzzer pins as a signal player's {@link SignalOutputs}: on is the pin HIGH (the
 * boards drive LEDs and buzzer active-high, as {@link GpioPort#write} does). A board without a buzzer
 * simply has no buzzer pin; setting it does nothing.
 */
final class PinSignalOutputs implements SignalOutputs {

    private final Map<SignalOutput, DigitalOutput> outputs = new EnumMap<>(SignalOutput.class);

    PinSignalOutputs(Map<PinRole, Digital<?, ?, ?>> pins) {
        for (SignalOutput output : SignalOutput.values()) {
            if (pins.get(role(output)) instanceof DigitalOutput pin) {
                outputs.put(output, pin);
            }
        }
    }

    /** The gate pin a signal output is on. */
    static PinRole role(SignalOutput output) {
        return switch (output) {
            case GREEN_LED -> PinRole.GREEN_LED;
            case RED_LED -> PinRole.RED_LED;
            case BUZZER -> PinRole.BUZZER;
        };
    }

    @Override
    public void set(SignalOutput output, boolean on) {
        DigitalOutput pin = outputs.get(output);
        if (pin != null) {
            if (on) {
                pin.high();
            } else {
                pin.low();
            }
        }
    }
}
