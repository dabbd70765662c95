package io.limen.hardware;

import com.pi4j.context.Context;
import io.limen.agent.time.Scheduler;
import io.limen.config.BoardInput;
import io.limen.config.BoardProfile;
import java.time.Duration;

/**
 * A gate's board with its test harness around it: the same contract tests run on simulated wiring
 * ({@link SimulatedRig}, every build) and on the real jig ({@link JigRig}, on a Pi, tag {@code hardware}).
 * The harness reads each gate output through a loop-back input and drives each gate input from a
 * harness output, so every assertion is about the electrical levels.
 */
interface Rig extends AutoCloseable {

    /** The Pi4J context the gate takes its pins from. */
    Context context();

    /** The board under test. */
    BoardProfile board();

    /** The gate's time; moved only by {@link #settle}. */
    Scheduler scheduler();

    /**
     * Drives the physical contact of one gate input: {@code active} as the input's wiring defines it
     * (the fire panel's contact open, the button pressed, a rotation sensor pulsing).
     */
    void drive(BoardInput input, boolean active);

    /** The level a gate output really has, read back through the harness: true for HIGH. */
    boolean sensedHigh(int gatePin);

    /** Lets {@code time} pass: gate timers and input debounces run; on the jig, levels settle too. */
    void settle(Duration time);

    @Override
    void close();
}
