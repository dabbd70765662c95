package io.limen.agent.signal;

/** An output a {@link SignalPattern} drives: the entrance's two LEDs and its buzzer (never the relay). */
public enum SignalOutput {
    GREEN_LED("green LED"),
    RED_LED("red LED"),
    BUZZER("buzzer");

    private final String label;

    SignalOutput(String label) {
        this.label = label;
    }

    /** A short human name, for logs. */
    public String label() {
        return label;
    }
}
