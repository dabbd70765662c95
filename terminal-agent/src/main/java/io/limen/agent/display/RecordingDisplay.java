package io.limen.agent.display;

import io.limen.agent.policy.Decision;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulated display, for tests and {@code demo}: keeps every message shown, in order, both as the
 * journal's line ({@link #shown}) and as the rows a 4-row screen (the OLED, a 20×4 LCD) shows in the
 * configured language ({@link #screens}: {@link Messages#lines(Decision, int)}), warning row included.
 */
public final class RecordingDisplay implements Display {

    private final Messages messages;
    private final List<DisplayMessage> shown = new ArrayList<>();
    private final List<List<String>> screens = new ArrayList<>();

    /** Screens in English. */
    public RecordingDisplay() {
        this(DisplayLanguage.ENGLISH);
    }

    /** @param language {@code display.language}: the language of the {@link #screens} */
    public RecordingDisplay(DisplayLanguage language) {
        this.messages = new Messages(language);
    }

    @Override
    public synchronized void show(Decision decision) {
        shown.add(DisplayMessage.of(decision));
        screens.add(messages.lines(decision, 4));
    }

    /** Every message shown so far, oldest first. */
    public synchronized List<DisplayMessage> shown() {
        return List.copyOf(shown);
    }

    /** The 4 rows of every screen shown so far, oldest first (an empty row is ""). */
    public synchronized List<List<String>> screens() {
        return List.copyOf(screens);
    }
}
