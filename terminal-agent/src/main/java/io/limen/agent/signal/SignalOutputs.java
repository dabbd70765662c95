package io.limen.agent.signal;

import io.limen.agent.gate.PinRole;

/** Where a {@link SignalPlayer} sets the LEDs and buzzer: the gate's pins, or a recorder in tests. */
public interface SignalOutputs {

    /**
     * Sets one output.
     *
     * @param output one of {@link SignalPattern#OUTPUTS}
     * @param on     true: lit / sounding
     */
    void set(PinRole output, boolean on);
}
