package io.limen.hardware;

import io.limen.config.BoardInput;
import io.limen.config.Direction;
import java.time.Duration;

/**
 * A tripod turnstile on the rig: its arm turns only while the relay releases it, and each third of a
 * turn pulses the rotation sensor of the direction it went. The arm's state is read from the relay pin
 * through the harness, so the turnstile turns when the relay really released it.
 */
final class Turnstile {

    /** How long a person takes for a third of a turn; the sensor is active for half of it. */
    static final Duration THIRD_OF_A_TURN = Duration.ofMillis(400);

    private final Rig rig;

    Turnstile(Rig rig) {
        this.rig = rig;
    }

    /** Whether the arm is free now, as the relay pin says (the lock's fail mode and the relay's level applied). */
    boolean released() {
        var board = rig.board();
        boolean energised = rig.sensedHigh(board.relayPin()) == board.relayActiveHigh();
        return energised == board.lockFailMode().energiseToRelease();
    }

    /** A person pushes the arm going {@code direction}: it turns if released; returns whether it did. */
    boolean push(Direction direction) {
        if (!released()) {
            rig.settle(THIRD_OF_A_TURN);
            return false;
        }
        turn(direction);
        return true;
    }

    /** The arm is forced round going {@code direction}, locked or not (someone climbs it, a broken solenoid). */
    void force(Direction direction) {
        turn(direction);
    }

    private void turn(Direction direction) {
        BoardInput sensor = direction == Direction.ENTRY ? BoardInput.PASSAGE_ENTRY : BoardInput.PASSAGE_EXIT;
        rig.drive(sensor, true);
        rig.settle(THIRD_OF_A_TURN.dividedBy(2));
        rig.drive(sensor, false);
        rig.settle(THIRD_OF_A_TURN.dividedBy(2));
    }
}
