package io.limen.agent.display;

import io.limen.agent.policy.Decision;
import java.util.ArrayList;
import java.util.List;

/** The simulated display, for tests and {@code demo}: keeps every message shown, in order. */
public final class RecordingDisplay implements Display {

    private final List<DisplayMessage> shown = new ArrayList<>();

    @Override
    public synchronized void show(Decision decision) {
        shown.add(DisplayMessage.of(decision));
    }

    /** Every message shown so far, oldest first. */
    public synchronized List<DisplayMessage> shown() {
        return List.copyOf(shown);
    }
}
