package io.limen.agent.signal;

import com.pi4j.io.gpio.digital.Digital;
import com.pi4j.io.gpio.digital.DigitalOutput;
import io.limen.agent.gate.PinRole;

import java.util.EnumMap;
import java.util.Map;

/**
 * The gate's LED and buzzer pins ({@code Gate.pins()}) as {@link SignalOutputs}: on is the pin HIGH
 * (the board drives LEDs and buzzer active-high, as {@code GpioPort} does). A board without a buzzer
 * simply has no buzzer pin; setting it does nothing.
 */
public final class PinSignalOutputs implements SignalOutputs {

    private final Map<PinRole, DigitalOutput> outputs = new EnumMap<>(PinRole.class);

    public PinSignalOutputs(Map<PinRole, Digital<?, ?, ?>> pins) {
        for (PinRole role : SignalPattern.OUTPUTS) {
            if (pins.get(role) instanceof DigitalOutput output) {
                outputs.put(role, output);
            }
        }
    }

    @Override
    public void set(PinRole output, boolean on) {
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
