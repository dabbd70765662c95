package io.limen.agent.selftest;

import com.pi4j.context.Context;
import io.limen.agent.gate.GateMachine;
import io.limen.agent.gate.GpioPort;
import io.limen.agent.time.ManualScheduler;
import io.limen.config.AgentConfig;
import io.limen.config.BoardInput;
import io.limen.config.BoardProfile;
import java.util.ArrayList;
import java.util.List;

/**
 * The board's pins, taken through the gate's own {@link GpioPort} (its pulls, polarities and debounce):
 * every input read at rest, anything active named ({@code inputs}); the relay clicked and the LEDs and
 * buzzer lit for 300 ms ({@code outputs}: the technician watches and listens); the relay read back where
 * the board wires its contact ({@code relay-readback}, {@link RelayReadBack}). The pins are released after.
 */
final class PinsCheck {

    /** How long the outputs stay on: long enough to see and hear. */
    static final long CLICK_NANOS = 300_000_000L;

    private PinsCheck() {
    }

    static List<Check> run(AgentConfig config, Context gpio, SelfTest.Pause pause) {
        BoardProfile board = config.board();
        GpioPort port;
        try {
            port = new GpioPort(gpio, board, new ManualScheduler(), config.gate().fireAlarmDebounce());
        } catch (RuntimeException e) {
            return List.of(Check.fail("inputs", true, "the board's pins could not be taken: " + e.getMessage()),
                    Check.fail("outputs", true, "the board's pins could not be taken"),
                    Check.fail("relay-readback", true, "the board's pins could not be taken"));
        }
        try {
            port.listen((input, active, at) -> { });
            List<String> unexpected = new ArrayList<>();
            for (BoardInput input : board.inputs().keySet()) {
                if (port.active(input)) {
                    unexpected.add(unexpected(input, board.input(input).orElseThrow().pin()));
                }
            }
            Check inputs = unexpected.isEmpty()
                    ? Check.pass("inputs", true, "every input at rest: " + board.inputs().keySet().stream()
                            .map(BoardInput::configName).toList())
                    : Check.fail("inputs", true, String.join("; ", unexpected));
            // Click and blink: released, green, red, buzzer on for 300 ms, then all safe again.
            port.write(new GateMachine.Outputs(true, true, true, true));
            pause.nanos(CLICK_NANOS);
            port.write(GateMachine.Outputs.SAFE);
            Check outputs = Check.pass("outputs", true, "relay clicked, green and red LEDs"
                    + (board.buzzerPin().isPresent() ? " and buzzer" : "")
                    + " on for 300 ms (watch the LEDs and listen for the click and the buzzer)");
            Check readBack;
            try {
                readBack = RelayReadBack.run(gpio, port, board, pause);
            } catch (RuntimeException e) {
                readBack = Check.fail("relay-readback", true, "the read-back input could not be read: " + e.getMessage());
            }
            return List.of(inputs, outputs, readBack);
        } catch (RuntimeException e) {
            return List.of(Check.fail("inputs", true, "reading the inputs failed: " + e.getMessage()),
                    Check.fail("outputs", true, "driving the outputs failed: " + e.getMessage()),
                    Check.fail("relay-readback", true, "driving the outputs failed: " + e.getMessage()));
        } finally {
            port.close();
        }
    }

    private static String unexpected(BoardInput input, int pin) {
        return switch (input) {
            case FIRE_ALARM -> "fire alarm (BCM " + pin + ") reads ALARM: the panel is in alarm, or the loop is open or cut";
            case EXIT_BUTTON -> "exit button (BCM " + pin + ") reads PRESSED: stuck, or wired normally closed";
            case DOOR_CONTACT -> "door contact (BCM " + pin + ") reads OPEN: close the door, or check the reed and its wire";
            case PASSAGE_ENTRY, PASSAGE_EXIT -> input.label() + " (BCM " + pin + ") reads ACTIVE at rest: the arm is"
                    + " mid-turn, or the sensor is miswired";
        };
    }

}
