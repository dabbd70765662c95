package io.limen.agent.demo;

import io.limen.format.Reason;
import io.limen.agent.camera.Frame;
import java.util.Objects;

/**
 * One person (or nobody) in front of the demo terminal.
 *
 * @param label    what the case shows, for people reading the output
 * @param expected the decision the terminal must reach
 * @param frame    what the camera sees
 */
public record DemoCase(String label, Reason expected, Frame frame) {

    public DemoCase {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(frame, "frame");
    }
}
