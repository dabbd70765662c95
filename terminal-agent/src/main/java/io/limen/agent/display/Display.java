package io.limen.agent.display;

import io.limen.agent.policy.Decision;

/**
 * What the person at the entrance is shown. Called on the admit thread after the gate command, so an
 * implementation must not block: it hands the message to its own writer and returns. The real displays
 * are {@link JournalDisplay}, {@link LcdDisplay} and {@link OledDisplay} ({@link Displays#open}); {@link RecordingDisplay} is the
 * simulated one.
 */
@FunctionalInterface
public interface Display {

    /** Shows the decision; a newer one replaces one not yet shown. Never blocks, never throws. */
    void show(Decision decision);
}
