package io.limen.agent.gate;

import static io.limen.agent.gate.GateMachineTest.ADA;
import static io.limen.agent.gate.GateMachineTest.DENY;
import static io.limen.agent.gate.GateMachineTest.DOOR;
import static io.limen.agent.gate.GateMachineTest.PULSE;
import static io.limen.agent.gate.GateMachineTest.TURNSTILE;
import static io.limen.agent.gate.GateMachineTest.TURNSTILE_LATCH;
import static io.limen.agent.gate.GateMachineTest.ms;
import static io.limen.config.Direction.ENTRY;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.limen.agent.gate.GateMachine.Outputs;
import io.limen.agent.gate.GateMachine.Settings;
import io.limen.agent.gate.GateMachine.State;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fire alarm overrides everything, whatever the gate was doing: one case per state (and per
 * sub-state that keeps a timer or an alarm of its own). In each, the alarm frees the entrance at once;
 * nothing (grant, deny, passage, door, exit button, any timeout) changes that while it lasts; when it
 * clears, the entrance is locked with a clean slate.
 */
class GateMachineFireTest {

    /** A gate brought into one state by t = 1 s. */
    enum Before {
        LOCKED(TURNSTILE, State.LOCKED, false, m -> { }),
        RELEASED_IN_PULSE(TURNSTILE, State.RELEASED, false, m -> m.grant(ms(900), PULSE, ENTRY, Optional.of(ADA))),
        RELEASED_AFTER_PULSE_AWAITING_PASSAGE(TURNSTILE, State.RELEASED, false,
                m -> m.grant(ms(100), Duration.ofMillis(100), ENTRY, Optional.of(ADA))),
        RELEASED_LATCHED(TURNSTILE_LATCH, State.RELEASED, false, m -> m.grant(ms(900), PULSE, ENTRY, Optional.of(ADA))),
        SHOWING_A_DENIAL(TURNSTILE, State.LOCKED, false, m -> m.deny(ms(900), DENY)),
        ALARMING_A_FORCED_ROTATION(TURNSTILE, State.LOCKED, false, m -> m.passage(ms(900), ENTRY)),
        DOOR_OPEN_AFTER_A_PASSAGE(DOOR, State.DOOR_OPEN, true, m -> {
            m.grant(ms(100), PULSE, ENTRY, Optional.of(ADA));
            m.door(ms(200), true);
        }),
        DOOR_FORCED_OPEN(DOOR, State.DOOR_OPEN, true, m -> m.door(ms(900), true)),
        DOOR_HELD_OPEN(new Settings(io.limen.config.RelayMode.PULSE, Duration.ofSeconds(5), Duration.ofMillis(100),
                Duration.ofSeconds(3), false, true), State.DOOR_OPEN, true, m -> {
                    m.exitRequest(ms(100), PULSE);
                    m.door(ms(200), true);
                    m.advance(ms(900));
                }),
        ALREADY_IN_FIRE(TURNSTILE, State.FIRE, false, m -> m.fire(ms(900), true));

        final Settings settings;
        final State state;
        final boolean doorOpen;
        final Consumer<GateMachine> build;

        Before(Settings settings, State state, boolean doorOpen, Consumer<GateMachine> build) {
            this.settings = settings;
            this.state = state;
            this.doorOpen = doorOpen;
            this.build = build;
        }

        GateMachine build() {
            GateMachine m = new GateMachine(settings);
            m.start(0, false, false);
            build.accept(m);
            m.advance(ms(1000));
            assertEquals(state, m.state(), "set-up reaches " + this);
            m.drainEvents();
            return m;
        }
    }

    private static final Outputs FREE = new Outputs(true, true, false, false);
    private static final Outputs LOCKED_QUIET = new Outputs(false, false, false, false);

    @ParameterizedTest
    @EnumSource(Before.class)
    void fireAlarm_freesTheEntranceAtOnce(Before before) {
        GateMachine m = before.build();
        m.fire(ms(1000), true);
        assertEquals(State.FIRE, m.state());
        assertEquals(FREE, m.outputs());
    }

    @ParameterizedTest
    @EnumSource(Before.class)
    void duringTheFireAlarm_nothingLocksOrAlarms(Before before) {
        GateMachine m = before.build();
        m.fire(ms(1000), true);
        m.drainEvents();

        assertEquals(GateCommand.Kind.HELD_OPEN_BY_FIRE_ALARM, m.grant(ms(1100), PULSE, ENTRY, Optional.of(ADA)).kind());
        assertEquals(GateCommand.Kind.HELD_OPEN_BY_FIRE_ALARM, m.deny(ms(1200), DENY).kind());
        m.passage(ms(1300), ENTRY);
        m.door(ms(1400), !before.doorOpen);
        m.door(ms(1500), before.doorOpen);
        m.exitRequest(ms(1600), PULSE);
        m.advance(ms(3_600_000));

        assertEquals(FREE, m.outputs());
        assertEquals(State.FIRE, m.state());
        assertEquals(GateMachine.NONE, m.nextDeadline(), "no timer runs under the fire alarm");
        assertEquals(List.of(GateEvent.Kind.EXIT_REQUEST), m.drainEvents().stream().map(GateEvent::kind).toList(),
                "only the button press is logged: no not_passed, forced or held_open");
    }

    @ParameterizedTest
    @EnumSource(Before.class)
    void whenTheFireAlarmClears_theEntranceLocksWithACleanSlate(Before before) {
        GateMachine m = before.build();
        m.fire(ms(1000), true);
        m.advance(ms(60_000));
        m.fire(ms(60_000), false);

        assertEquals(before.doorOpen ? State.DOOR_OPEN : State.LOCKED, m.state());
        assertEquals(LOCKED_QUIET, m.outputs());
        List<GateEvent.Kind> kinds = m.drainEvents().stream().map(GateEvent::kind).toList();
        assertEquals(before == Before.ALREADY_IN_FIRE ? List.of(GateEvent.Kind.FIRE_CLEARED)
                : List.of(GateEvent.Kind.FIRE_ALARM, GateEvent.Kind.FIRE_CLEARED), kinds);
    }
}
