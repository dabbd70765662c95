package io.limen.agent.gate;

import io.limen.config.BoardInput;

/** What a gate pin is for. */
public enum PinRole {
    RELAY("relay"),
    GREEN_LED("green LED"),
    RED_LED("red LED"),
    FIRE_ALARM("fire alarm"),
    BUZZER("buzzer"),
    EXIT_BUTTON("exit button"),
    DOOR_CONTACT("door contact"),
    PASSAGE_ENTRY("entry passage sensor"),
    PASSAGE_EXIT("exit passage sensor");

    private final String label;

    PinRole(String label) {
        this.label = label;
    }

    /** A short human name, as the demo prints it. */
    public String label() {
        return label;
    }

    /** The role of a board input's pin. */
    public static PinRole of(BoardInput input) {
        return switch (input) {
            case FIRE_ALARM -> FIRE_ALARM;
            case EXIT_BUTTON -> EXIT_BUTTON;
            case DOOR_CONTACT -> DOOR_CONTACT;
            case PASSAGE_ENTRY -> PASSAGE_ENTRY;
            case PASSAGE_EXIT -> PASSAGE_EXIT;
        };
    }
}
