package io.limen.agent.signal;

/** Where a {@link SignalPlayer} sets the LEDs and buzzer: the gate's pins, or a recorder in tests. */
public interface SignalOutputs {

    /**
     * Sets one output.
     *
     * @param output the LED or the buzzer
     * @param on     true: lit / sounding
     */
    void set(SignalOutput output, boolean on);
}
