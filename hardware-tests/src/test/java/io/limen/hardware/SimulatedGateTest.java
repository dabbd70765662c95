package io.limen.hardware;

import static com.pi4j.io.gpio.digital.DigitalState.HIGH;
import static com.pi4j.io.gpio.digital.DigitalState.LOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.Digital;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalInputConfig;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProviderImpl;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import io.limen.agent.gate.Gate;
import io.limen.agent.gate.GateCommand;
import io.limen.agent.gate.GpioContexts;
import io.limen.agent.time.ManualScheduler;
import io.limen.agent.gate.PinActivity;
import io.limen.agent.gate.PinActivity.PinEvent;
import io.limen.agent.gate.PinRole;
import io.limen.agent.time.Scheduler;
import io.limen.config.BoardProfile;
import io.limen.config.BoardProfiles;
import io.limen.config.GateConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gate on simulated wiring (Pi4J mock providers). Every assertion reads the pins' own states or
 * the state changes they reported, never the gate's bookkeeping; time moves only by hand.
 */
class SimulatedGateTest {

    private static final BoardProfile HAT = BoardProfiles.LIMEN_HAT_V1;          // relay active-high
    private static final BoardProfile RELAY_3CH = BoardProfiles.WAVESHARE_RELAY_3CH; // relay active-low

    private final Context context = GpioContexts.simulated();
    private final ManualScheduler time = new ManualScheduler();

    @AfterEach
    void shutDown() {
        context.shutdown();
    }

    private final Map<Integer, Digital<?, ?, ?>> pinsByBcm = new HashMap<>();

    private Gate gate(BoardProfile profile) {
        return gate(context, profile);
    }

    private Gate gate(Context ctx, BoardProfile profile) {
        return gate(ctx, profile, time);
    }

    private Gate gate(Context ctx, BoardProfile profile, Scheduler scheduler) {
        Gate gate = new Gate(ctx, profile, scheduler);
        // Keep the pins Pi4J registered, by GPIO number: what is really on each pin, even after the
        // gate releases them on close.
        for (Object io : ctx.registry().all().values()) {
            if (io instanceof Digital<?, ?, ?> d) {
                pinsByBcm.put(d.address().intValue(), d);
            }
        }
        return gate;
    }

    private DigitalState pin(int bcm) {
        Digital<?, ?, ?> d = pinsByBcm.get(bcm);
        if (d == null) {
            throw new AssertionError("no pin on BCM " + bcm);
        }
        return d.state();
    }

    private void assertOutputs(BoardProfile p, DigitalState relay, DigitalState green, DigitalState red) {
        assertEquals(List.of(relay, green, red),
                List.of(pin(p.relayPin()), pin(p.greenLedPin()), pin(p.redLedPin())),
                "relay, green, red");
    }

    /** Sets the fire-alarm input and lets it hold for its debounce, so the gate takes it. */
    private void alarm(DigitalState state) {
        ((MockDigitalInput) context.io("fire-alarm", DigitalInput.class)).mockState(state);
        time.advance(GateConfig.DEFAULTS.fireAlarmDebounce());
    }

    private static long ms(long millis) {
        return Duration.ofMillis(millis).toNanos();
    }

    @Test
    void construction_leavesEveryOutputOff() {
        gate(HAT);
        assertOutputs(HAT, LOW, LOW, LOW);
    }

    @Test
    void construction_configuresOffAsInitialAndShutdownState() {
        gate(RELAY_3CH);
        for (String id : List.of("relay", "led-green", "led-red")) {
            DigitalOutput out = context.io(id, DigitalOutput.class);
            assertEquals(out.config().initialState(), out.config().shutdownState(), id);
            assertEquals(out.config().initialState(), out.state(), id);
        }
        assertEquals(HIGH, context.io("relay", DigitalOutput.class).config().shutdownState());
    }

    @Test
    void grant_pulsesRelayThenReleases() {
        Gate gate = gate(HAT);
        PinActivity activity = PinActivity.watch(gate, time::nanoTime);

        GateCommand command = gate.grant(Duration.ofMillis(800));

        assertEquals("relay on for 800 ms, green on", command.toString());
        assertOutputs(HAT, HIGH, HIGH, LOW);
        time.advance(Duration.ofMillis(799));
        assertOutputs(HAT, HIGH, HIGH, LOW);
        time.advance(Duration.ofMillis(1));
        assertOutputs(HAT, LOW, HIGH, LOW); // green to the granted pattern's end
        time.advance(Duration.ofMillis(200));
        assertOutputs(HAT, LOW, LOW, LOW);
        assertEquals(List.of(
                        new PinEvent(PinRole.RELAY, HIGH, 0), new PinEvent(PinRole.GREEN_LED, HIGH, 0),
                        new PinEvent(PinRole.RELAY, LOW, ms(800)), new PinEvent(PinRole.GREEN_LED, LOW, ms(1000))),
                activity.events());
        assertEquals(0, time.pending());
    }

    @Test
    void deny_lightsRedThenOff() {
        Gate gate = gate(HAT);
        PinActivity activity = PinActivity.watch(gate, time::nanoTime);

        assertEquals("red on for 1500 ms", gate.deny(Duration.ofMillis(1500)).toString());

        assertOutputs(HAT, LOW, LOW, HIGH);
        time.advance(Duration.ofMillis(1499)); // the denied pattern (1 s), then red steady for the deny time
        assertOutputs(HAT, LOW, LOW, HIGH);
        time.advance(Duration.ofMillis(1));
        assertOutputs(HAT, LOW, LOW, LOW);
        assertEquals(List.of(new PinEvent(PinRole.RED_LED, HIGH, 0), new PinEvent(PinRole.RED_LED, LOW, ms(1500))),
                activity.events());
    }

    @Test
    void overlappingGrant_extendsThePulseWithoutASecondOne() {
        Gate gate = gate(HAT);
        PinActivity activity = PinActivity.watch(gate, time::nanoTime);

        gate.grant(Duration.ofMillis(800));
        time.advance(Duration.ofMillis(500));
        GateCommand second = gate.grant(Duration.ofMillis(800));

        assertEquals(GateCommand.Kind.EXTENDED, second.kind());
        time.advance(Duration.ofMillis(300)); // the first pulse's end: still on
        assertOutputs(HAT, HIGH, HIGH, LOW);
        time.advance(Duration.ofMillis(500)); // 800 ms after the second grant
        assertOutputs(HAT, LOW, HIGH, LOW); // the second grant's pattern shows to 1 s after it
        time.advance(Duration.ofMillis(200));
        assertOutputs(HAT, LOW, LOW, LOW);
        assertEquals(List.of(new PinEvent(PinRole.RELAY, HIGH, 0), new PinEvent(PinRole.RELAY, LOW, ms(1300))),
                activity.events(PinRole.RELAY), "one pulse, one rise and one fall");
    }

    @Test
    void shorterGrantDuringPulse_doesNotCutItShort() {
        Gate gate = gate(HAT);
        gate.grant(Duration.ofMillis(800));
        time.advance(Duration.ofMillis(100));

        GateCommand second = gate.grant(Duration.ofMillis(200));

        assertEquals(new GateCommand(GateCommand.Kind.EXTENDED, Duration.ofMillis(700)), second);
        time.advance(Duration.ofMillis(699));
        assertOutputs(HAT, HIGH, HIGH, LOW);
        time.advance(Duration.ofMillis(1));
        assertOutputs(HAT, LOW, HIGH, LOW); // the second grant's pattern shows to 1 s after it (1100 ms)
        time.advance(Duration.ofMillis(300));
        assertOutputs(HAT, LOW, LOW, LOW);
    }

    @Test
    void denyDuringGrant_keepsRelayForThePersonPassing() {
        Gate gate = gate(HAT);
        gate.grant(Duration.ofMillis(800));
        time.advance(Duration.ofMillis(100));

        gate.deny(Duration.ofMillis(300));

        assertOutputs(HAT, HIGH, LOW, HIGH); // the relay stays; the LEDs show the denial (1 s)
        time.advance(Duration.ofMillis(300));
        assertOutputs(HAT, HIGH, LOW, HIGH);
        time.advance(Duration.ofMillis(400)); // 800 ms: the pulse ends
        assertOutputs(HAT, LOW, LOW, HIGH);
        time.advance(Duration.ofMillis(300)); // 1100 ms: the denied pattern ends, nothing standing
        assertOutputs(HAT, LOW, LOW, LOW);
    }

    @Test
    void close_leavesAllOffEvenMidPulse() {
        Gate gate = gate(HAT);
        gate.grant(Duration.ofMillis(800));
        gate.deny(Duration.ofMillis(800));

        gate.close();

        assertOutputs(HAT, LOW, LOW, LOW);
        time.advance(Duration.ofSeconds(5));
        assertOutputs(HAT, LOW, LOW, LOW);
        assertThrows(IllegalStateException.class, () -> gate.grant(Duration.ofMillis(800)));
    }

    @Test
    void contextShutdownMidPulse_dropsOutputsToShutdownStateAndKeepsThem() {
        Context own = GpioContexts.simulated();
        Gate gate = gate(own, RELAY_3CH);
        gate.grant(Duration.ofMillis(800));
        gate.deny(Duration.ofMillis(300));
        assertOutputs(RELAY_3CH, LOW, LOW, HIGH); // the denial's pattern over the release

        own.shutdown(); // what the shutdown hook does on SIGTERM

        assertOutputs(RELAY_3CH, HIGH, LOW, LOW);
        time.advance(Duration.ofMillis(300)); // the deny ends: a late timer must not re-drive a pin
        time.advance(Duration.ofMillis(500));
        assertOutputs(RELAY_3CH, HIGH, LOW, LOW);
        var e = assertThrows(IllegalStateException.class, () -> gate.grant(Duration.ofMillis(800)));
        assertEquals("gate's Pi4J context must be running, but was shut down", e.getMessage());
        gate.close(); // the agent closing after the shutdown hook ran: no error, still off
        assertOutputs(RELAY_3CH, HIGH, LOW, LOW);
    }

    @Test
    void activeLowRelayBoard_isDrivenInverted() {
        Gate gate = gate(RELAY_3CH);
        assertOutputs(RELAY_3CH, HIGH, LOW, LOW); // HIGH = de-energised on this board

        gate.grant(Duration.ofMillis(800));
        assertOutputs(RELAY_3CH, LOW, HIGH, LOW);

        time.advance(Duration.ofMillis(800));
        assertOutputs(RELAY_3CH, HIGH, HIGH, LOW); // locked; green to the granted pattern's end
        time.advance(Duration.ofMillis(200));
        assertOutputs(RELAY_3CH, HIGH, LOW, LOW);

        gate.grant(Duration.ofMillis(800));
        gate.close();
        assertOutputs(RELAY_3CH, HIGH, LOW, LOW);
    }

    @Test
    void fireAlarm_holdsDoorOpenAndOverridesDeny() {
        Gate gate = gate(HAT);
        gate.deny(Duration.ofMillis(1500));

        alarm(HIGH);

        assertTrue(gate.fireAlarmActive());
        assertOutputs(HAT, HIGH, HIGH, LOW);
        GateCommand denied = gate.deny(Duration.ofMillis(1500));
        assertEquals(GateCommand.Kind.HELD_OPEN_BY_FIRE_ALARM, denied.kind());
        assertEquals(GateCommand.Kind.HELD_OPEN_BY_FIRE_ALARM, gate.grant(Duration.ofMillis(800)).kind());
        time.advance(Duration.ofMinutes(10));
        assertOutputs(HAT, HIGH, HIGH, LOW);

        alarm(LOW);

        assertFalse(gate.fireAlarmActive());
        assertOutputs(HAT, LOW, LOW, LOW);
    }

    @Test
    void fireAlarm_outlivesAGrantPulseThatEndsDuringIt() {
        Gate gate = gate(HAT);
        gate.grant(Duration.ofMillis(800));

        alarm(HIGH);
        time.advance(Duration.ofMillis(800));

        assertOutputs(HAT, HIGH, HIGH, LOW);
    }

    @Test
    void fireAlarmActiveAtStartup_opensDoorImmediately() {
        // An input provider whose pins come up HIGH: the alarm is on before the gate exists, so the
        // gate must read it at start, not wait for a change.
        Context alarmed = Pi4J.newContextBuilder().noAutoDetect()
                .add(new AlarmedInputProvider(), MockDigitalOutputProvider.newInstance())
                .disableShutdownHook()
                .build();
        try {
            Gate gate = gate(alarmed, HAT);

            assertTrue(gate.fireAlarmActive());
            assertOutputs(HAT, HIGH, HIGH, LOW);
        } finally {
            alarmed.shutdown();
        }
    }

    /** Mock digital inputs that read HIGH from the moment they are created. */
    private static final class AlarmedInputProvider extends MockDigitalInputProviderImpl {
        @Override
        public DigitalInput create(DigitalInputConfig config) {
            return ((MockDigitalInput) super.create(config)).mockState(HIGH);
        }
    }

    @Test
    void activityOfOnePin_isTimedOnTheGivenClock() {
        Gate gate = gate(HAT);
        PinActivity activity = PinActivity.watch(gate, time::nanoTime);
        time.advance(Duration.ofMillis(250));

        gate.deny(Duration.ofMillis(100));
        time.advance(Duration.ofMillis(1000)); // the denied pattern's second
        activity.close();
        gate.deny(Duration.ofMillis(100));

        assertEquals(List.of(new PinEvent(PinRole.RED_LED, HIGH, ms(250)), new PinEvent(PinRole.RED_LED, LOW, ms(1250))),
                activity.events());
    }

    @Test
    void constructionFailingOnAPin_releasesThePinsAlreadyTaken_andLeavesTheOwnersPinAlone() {
        context.create(DigitalInput.newConfigBuilder(context).id("fire-alarm").address(HAT.fireAlarmPin()));

        RuntimeException e = assertThrows(RuntimeException.class, () -> new Gate(context, HAT, time));

        assertTrue(e.getMessage().contains("fire-alarm"), e.getMessage());
        for (String id : List.of("relay", "led-green", "led-red")) {
            assertFalse(context.hasIO(id), id + " must be released");
        }
        assertTrue(context.hasIO("fire-alarm"), "the input another owner registered must survive");
    }

    @Test
    void schedulerRefusingToEndAPulse_dropsTheRelayAndSaysWhy() {
        boolean[] refuse = {false};
        Scheduler closing = new Scheduler() {
            @Override
            public long nanoTime() {
                return time.nanoTime();
            }

            @Override
            public Cancellable schedule(Runnable task, Duration delay) {
                if (refuse[0]) {
                    throw new RejectedExecutionException("scheduler closed");
                }
                return time.schedule(task, delay);
            }
        };
        Gate gate = gate(context, HAT, closing);
        gate.grant(Duration.ofMillis(800));
        assertOutputs(HAT, HIGH, HIGH, LOW);
        refuse[0] = true;

        // Extending the pulse cancels its end first: without a new end, the relay must not stay on.
        var extend = assertThrows(RejectedExecutionException.class, () -> gate.grant(Duration.ofMillis(1600)));
        assertEquals("scheduler closed", extend.getMessage());
        assertOutputs(HAT, LOW, LOW, LOW);
        var deny = assertThrows(RejectedExecutionException.class, () -> gate.deny(Duration.ofMillis(800)));
        assertEquals("scheduler closed", deny.getMessage());
        assertOutputs(HAT, LOW, LOW, LOW);
    }

    @Test
    void nonPositivePulse_isRejectedWithValue() {
        Gate gate = gate(HAT);
        var e = assertThrows(IllegalArgumentException.class, () -> gate.grant(Duration.ZERO));
        assertEquals("pulse must be positive, but was 0 ms", e.getMessage());
        assertOutputs(HAT, LOW, LOW, LOW);
    }
}
