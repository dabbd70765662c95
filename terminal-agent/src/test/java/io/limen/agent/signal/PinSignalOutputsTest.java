package io.limen.agent.signal;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import io.limen.agent.gate.Gate;
import io.limen.agent.gate.GpioContexts;
import io.limen.agent.gate.PinRole;
import io.limen.agent.time.ManualScheduler;
import io.limen.config.BoardProfiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Patterns played onto a real gate's LED and buzzer pins (Pi4J mock providers), never onto the relay. */
class PinSignalOutputsTest {

    private final Context context = GpioContexts.simulated();
    private final ManualScheduler time = new ManualScheduler();

    @AfterEach
    void shutDown() {
        context.shutdown();
    }

    private static DigitalState state(Gate gate, PinRole role) {
        return ((DigitalOutput) gate.pins().get(role)).state();
    }

    @Test
    void deniedOnTheGatesPins_atEachStepBoundary_andTheRelayUntouched() {
        try (Gate gate = new Gate(context, BoardProfiles.TRIPOD_TURNSTILE, time)) {
            time.advance(Duration.ofSeconds(1)); // let the gate's inputs settle first
            DigitalState relay = state(gate, PinRole.RELAY);
            SignalPlayer player = new SignalPlayer(time, new PinSignalOutputs(gate.pins()));
            player.play(SignalPatterns.DENIED);
            time.advance(Duration.ZERO);
            assertEquals(DigitalState.HIGH, state(gate, PinRole.RED_LED));
            assertEquals(DigitalState.HIGH, state(gate, PinRole.BUZZER));
            assertEquals(DigitalState.LOW, state(gate, PinRole.GREEN_LED));
            time.advance(Duration.ofMillis(150));
            assertEquals(DigitalState.HIGH, state(gate, PinRole.RED_LED));
            assertEquals(DigitalState.LOW, state(gate, PinRole.BUZZER));
            time.advance(Duration.ofMillis(850));
            assertEquals(DigitalState.LOW, state(gate, PinRole.RED_LED));
            assertEquals(DigitalState.LOW, state(gate, PinRole.BUZZER));
            assertEquals(relay, state(gate, PinRole.RELAY));
        }
    }

    @Test
    void aBoardWithoutABuzzer_stillBlinks() {
        try (Gate gate = new Gate(context, BoardProfiles.LIMEN_HAT_V1, time)) {
            time.advance(Duration.ofSeconds(1));
            SignalPlayer player = new SignalPlayer(time, new PinSignalOutputs(gate.pins()));
            player.play(SignalPatterns.GRANTED);
            time.advance(Duration.ZERO);
            assertEquals(DigitalState.HIGH, state(gate, PinRole.GREEN_LED));
            time.advance(Duration.ofMillis(1000));
            assertEquals(DigitalState.LOW, state(gate, PinRole.GREEN_LED));
        }
    }
}
