package io.limen.config;

/**
 * The inputs a board may wire, each with what "active" means for it. Every board has the fire alarm
 * and the exit button; the others are there when the entrance has them.
 */
public enum BoardInput {
    /** The fire panel's dry contact; active = alarm (also a cut wire). */
    FIRE_ALARM("fireAlarm", "fire-alarm"),
    /** The request-to-exit button; active = pressed. */
    EXIT_BUTTON("exitButton", "exit-button"),
    /** The door's reed contact; active = door open (out of its frame). */
    DOOR_CONTACT("doorContact", "door-contact"),
    /** The rotation or passage sensor of the entry direction; active for each person through. */
    PASSAGE_ENTRY("passageEntry", "entry passage sensor"),
    /** The rotation or passage sensor of the exit direction; active for each person through. */
    PASSAGE_EXIT("passageExit", "exit passage sensor");

    private final String configName;
    private final String label;

    BoardInput(String configName, String label) {
        this.configName = configName;
        this.label = label;
    }

    /** The key under {@code board.pins} and {@code board.inputs}: {@code doorContact}. */
    public String configName() {
        return configName;
    }

    /** How messages name it: "door-contact pin". */
    public String label() {
        return label;
    }

    /** Whether every board must wire it. */
    public boolean required() {
        return this == FIRE_ALARM || this == EXIT_BUTTON;
    }
}
