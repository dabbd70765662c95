package io.limen.agent.demo;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import io.limen.agent.gate.GpioPort;
import io.limen.agent.time.Scheduler;
import io.limen.config.BoardInput;
import io.limen.config.BoardProfile;
import java.time.Duration;
import java.util.Objects;

/**
 * The people at the demo's tripod turnstile: each {@link DemoCase.Act} is played on the gate's mock input
 * pins (the rotation sensors and the exit button, at the levels their wiring gives), timed on the demo's
 * simulated clock, so the gate sees the turns as it would on a real board and reports what it saw.
 *
 * <p>{@link #act} runs on the admit thread while the simulated time stands still (the camera waits for
 * its frame back); the pins change later on the thread that moves the time.
 */
final class DemoTurnstile {

    /** From the decision to the person's push on the arm: within the grant's pulse. */
    static final Duration TO_THE_ARM = Duration.ofMillis(500);
    /** How long a third of a turn holds the rotation sensor active: longer than its debounce. */
    static final Duration TURN = Duration.ofMillis(200);
    /** How long the exit button is held down. */
    static final Duration PRESS = Duration.ofMillis(100);

    private final Context gpio;
    private final BoardProfile board;
    private final Scheduler time;

    DemoTurnstile(Context gpio, BoardProfile board, Scheduler time) {
        this.gpio = Objects.requireNonNull(gpio, "gpio");
        this.board = Objects.requireNonNull(board, "board");
        this.time = Objects.requireNonNull(time, "time");
        for (BoardInput input : new BoardInput[] {BoardInput.PASSAGE_ENTRY, BoardInput.PASSAGE_EXIT, BoardInput.EXIT_BUTTON}) {
            if (board.input(input).isEmpty()) {
                throw new IllegalArgumentException("the demo's turnstile needs a board with rotation sensors and an exit button,"
                        + " but " + board.name() + " has no " + input.label());
            }
        }
    }

    /** Puts the sensors and the button at rest (mock pins start LOW, which on pull-up wiring reads active). */
    void rest() {
        set(BoardInput.PASSAGE_ENTRY, false);
        set(BoardInput.PASSAGE_EXIT, false);
        set(BoardInput.EXIT_BUTTON, false);
    }

    /** Plays what the person does from now on. */
    void act(DemoCase.Act act) {
        switch (act) {
            case NONE, TURNS_AWAY -> { }
            case WALKS_IN, FORCES_THE_ARM -> turn(BoardInput.PASSAGE_ENTRY, TO_THE_ARM);
            case LEAVES_BY_THE_EXIT_BUTTON -> {
                at(Duration.ZERO, BoardInput.EXIT_BUTTON, true);
                at(PRESS, BoardInput.EXIT_BUTTON, false);
                turn(BoardInput.PASSAGE_EXIT, TO_THE_ARM);
            }
        }
    }

    private void turn(BoardInput sensor, Duration from) {
        at(from, sensor, true);
        at(from.plus(TURN), sensor, false);
    }

    private void at(Duration delay, BoardInput input, boolean active) {
        time.schedule(() -> set(input, active), delay);
    }

    private void set(BoardInput input, boolean active) {
        boolean high = active == board.input(input).orElseThrow().activeHigh();
        ((MockDigitalInput) gpio.io(GpioPort.id(input), DigitalInput.class)).mockState(high ? DigitalState.HIGH : DigitalState.LOW);
    }
}
