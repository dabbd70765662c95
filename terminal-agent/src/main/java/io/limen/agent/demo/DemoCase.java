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
 */
public record DemoCase(String label, Reason expected, Frame frame, Duration after) {

    public DemoCase {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(after, "after");
    }

    /** A case one person after the previous. */
    public DemoCase(String label, Reason expected, Frame frame) {
        this(label, expected, frame, DemoRun.PER_PERSON);
    }
}
