package io.limen.agent.gate;

/** What a gate pin is for. */
public enum PinRole {
    RELAY("relay"),
    GREEN_LED("green LED"),
    RED_LED("red LED"),
    FIRE_ALARM("fire alarm");

    private final String label;

    PinRole(String label) {
        this.label = label;
    }

    /** A short human name, as the demo prints it. */
    public String label() {
        return label;
    }
}
