package io.limen.agent.demo;

import io.limen.format.Reason;
import io.limen.agent.camera.Frame;
import java.time.Duration;
import java.util.Objects;

/**
 * One person (or nobody) in front of the demo terminal.
 *
 * @param label    what the case shows, for people reading the output
 * @param expected the decision the terminal must reach
 * @param frame    what the camera sees
 * @param after    simulated time between the previous case and this one ({@link DemoRun#PER_PERSON} but for
 *                 a case on another day)
 * @param act      what the person then does at the turnstile ({@link DemoTurnstile} plays it on its pins)
 */
public record DemoCase(String label, Reason expected, Frame frame, Duration after, Act act) {

    /** What a person does at the demo's tripod turnstile once the terminal has answered. */
    public enum Act {
        /** Nothing at the arm: nobody there, or refused and stays out. */
        NONE,
        /** Pushes the arm round going in, half a second after the grant: {@code passed}. */
        WALKS_IN,
        /** Granted, but turns away: nobody passes, {@code not_passed} at the passage timeout. */
        TURNS_AWAY,
        /** Climbs over the locked arm: a turn with no grant, {@code forced}. */
        FORCES_THE_ARM,
        /** Someone inside presses the exit button and goes out through the arm: {@code exit_request}, {@code passed}. */
        LEAVES_BY_THE_EXIT_BUTTON
    }

    public DemoCase {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(act, "act");
    }

    /** A case after which nobody acts at the turnstile. */
    public DemoCase(String label, Reason expected, Frame frame, Duration after) {
        this(label, expected, frame, after, Act.NONE);
    }

    /** A case one person after the previous. */
    public DemoCase(String label, Reason expected, Frame frame) {
        this(label, expected, frame, DemoRun.PER_PERSON);
    }
}
