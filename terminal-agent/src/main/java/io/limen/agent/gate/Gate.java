package io.limen.agent.gate;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.Digital;
import io.limen.agent.signal.SignalPattern;
import io.limen.agent.signal.SignalPatterns;
import io.limen.agent.signal.SignalPlayer;
import io.limen.agent.time.Scheduler;
import io.limen.config.BoardInput;
import io.limen.config.BoardProfile;
import io.limen.config.Direction;
import io.limen.config.GateConfig;
import io.limen.format.credential.Credential;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One entrance's lock, LEDs, buzzer and inputs: the {@link GateMachine} driven by the board's
 * {@link GpioPort} and timed by the {@link Scheduler}. Every call, input change and timeout goes into
 * the machine with the scheduler's time, the lock it then wants is written to the relay, the next
 * timeout is scheduled, and the events it emitted go to the listener (the scan log, anti-passback).
 *
 * <p>Signals: the LEDs and buzzer have one owner, the gate's {@link SignalPlayer}. After every change
 * the player holds the standing pattern of the machine's state ({@link SignalPatterns#standing}: the
 * fire alarm's cadence while the fire input is active, the alarm while the machine sounds it — a door
 * held open until it closes, a forced passage for {@code gate.alarmHoldMs} — else green while released,
 * red while a denial shows); a grant plays {@code granted} (or {@code degraded}) and a denial
 * {@code denied} once over it, also during an alarm.
 *
 * <p>Safety: the port creates every output in its unpowered state before anything else (the relay
 * de-energised: a fail-secure lock locked, a fail-safe one free, as without the agent); Pi4J's shutdown
 * hook returns them there on exit. The fire-alarm input (normally closed: a cut wire reads as alarm)
 * overrides everything ({@link GateMachine}).
 *
 * <p>Without a timer to end it, nothing may stay released: when the scheduler refuses the next
 * timeout, every output is driven safe and the caller hears why.
 *
 * <p>Thread-safe: calls, scheduler tasks (timeouts and signal steps) and input edges (Pi4J's event
 * threads) all hold the port's monitor. The event listener runs under it and must not block (it offers to queues).
 */
public final class Gate implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Gate.class);

    private final GpioPort port;
    private final Scheduler scheduler;
    private final GateMachine machine;
    private final GateConfig config;
    private final Consumer<GateEvent> events;
    private final SignalPlayer signals;

    private boolean closed;
    private long scheduledFor = GateMachine.NONE;
    private Scheduler.Cancellable timer;
    private long timerGeneration;

    /** A bare relay with the default fire-alarm debounce ({@link GateConfig#DEFAULTS}). */
    public Gate(Context context, BoardProfile profile, Scheduler scheduler) {
        this(context, profile, scheduler, GateConfig.DEFAULTS.fireAlarmDebounce());
    }

    /** A gate with {@link GateConfig#DEFAULTS}'s behaviour but the fire-alarm debounce given, whose events are logged only. */
    public Gate(Context context, BoardProfile profile, Scheduler scheduler, Duration fireAlarmDebounce) {
        this(context, profile, scheduler, new GateConfig(GateConfig.DEFAULTS.grantPulse(), GateConfig.DEFAULTS.denyShow(),
                fireAlarmDebounce), event -> { });
    }

    /**
     * Takes the board's pins (outputs safe first), reads the inputs, and starts the machine from them.
     *
     * @param config the entrance's behaviour: relay mode, timeouts, fire-alarm debounce; the exit button
     *               releases for {@link GateConfig#grantPulse()}
     * @param events every {@link GateEvent}, under the gate's lock; must not block
     * @throws IllegalArgumentException if the relay mode is latch on a board with neither passage sensor
     *                                  nor door contact
     */
    public Gate(Context context, BoardProfile profile, Scheduler scheduler, GateConfig config, Consumer<GateEvent> events) {
        Objects.requireNonNull(profile, "profile must not be null");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler must not be null");
        this.config = Objects.requireNonNull(config, "config must not be null");
        this.events = Objects.requireNonNull(events, "events must not be null");
        GateMachine.Settings settings = new GateMachine.Settings(config.relayMode(), config.passageTimeout(), config.heldOpen(),
                config.alarmHold(), profile.hasPassageSensor(), profile.hasDoorContact());
        this.machine = new GateMachine(settings);
        this.port = new GpioPort(context, profile, scheduler, config.fireAlarmDebounce());
        PinSignalOutputs pins = new PinSignalOutputs(port.pins());
        // Once the context is shut down its hook has put every output in its shutdown state: a late step must not undo it.
        this.signals = new SignalPlayer(scheduler, (output, on) -> {
            if (!port.contextShutDown()) {
                pins.set(output, on);
            }
        }, port);
        synchronized (port) {
            port.listen(this::onInput);
            machine.start(scheduler.nanoTime(), port.active(BoardInput.FIRE_ALARM), port.active(BoardInput.DOOR_CONTACT));
            settle();
            if (machine.fireAlarmActive()) {
                log.warn("Fire alarm input {} is active at start: entrance held free", profile.fireAlarmPin());
            }
        }
    }

    /** A grant with no credential to account (the demo's and tests' form): the terminal's direction. */
    public GateCommand grant(Duration pulse) {
        return grant(pulse, config.direction(), Optional.empty());
    }

    /**
     * Releases the lock for one passage of {@code credential}'s holder going {@code direction}.
     *
     * @param pulse how long the relay stays released in pulse mode, > 0
     * @throws IllegalStateException if the gate is closed or its context shut down
     * @throws java.util.concurrent.RejectedExecutionException if the scheduler refuses the pulse's end;
     *         the outputs are then safe
     */
    public GateCommand grant(Duration pulse, Direction direction, Optional<Credential> credential) {
        return grant(pulse, direction, credential, false);
    }

    /**
     * As {@link #grant(Duration, Direction, Optional)}, signalled {@code degraded} when the grant was
     * made under a warning (lists stale or clock unsynchronised, and the entrance admits anyway).
     */
    public GateCommand grant(Duration pulse, Direction direction, Optional<Credential> credential, boolean degraded) {
        synchronized (port) {
            requireOpen();
            GateCommand command = machine.grant(scheduler.nanoTime(), pulse, direction, credential);
            settle();
            if (command.kind() != GateCommand.Kind.HELD_OPEN_BY_FIRE_ALARM) {
                signals.play(degraded ? SignalPatterns.DEGRADED : SignalPatterns.GRANTED);
            }
            return command;
        }
    }

    /** Lights red for {@code show}; a later deny restarts the display; never locks a release in progress. */
    public GateCommand deny(Duration show) {
        synchronized (port) {
            requireOpen();
            GateCommand command = machine.deny(scheduler.nanoTime(), show);
            settle();
            if (command.kind() == GateCommand.Kind.DENIED) {
                signals.play(SignalPatterns.DENIED);
            }
            return command;
        }
    }

    /** True while the fire-alarm input holds the entrance free. */
    public boolean fireAlarmActive() {
        synchronized (port) {
            return machine.fireAlarmActive();
        }
    }

    /** Where the entrance is now. */
    public GateMachine.State state() {
        synchronized (port) {
            return machine.state();
        }
    }

    /** What the LEDs and buzzer show now: a decision's pattern playing, else the standing one. */
    public SignalPattern signal() {
        synchronized (port) {
            return signals.playing();
        }
    }

    /** The gate's pins by role, for watching ({@link PinActivity}); drive them only through the gate. */
    public Map<PinRole, Digital<?, ?, ?>> pins() {
        return port.pins();
    }

    /**
     * Returns every output to its unpowered state, cancels timers and releases the pins. Idempotent.
     * After closing, the fire alarm no longer drives the relay: close only when the terminal stops.
     */
    @Override
    public void close() {
        synchronized (port) {
            if (closed) {
                return;
            }
            closed = true;
            cancelTimer();
            signals.close();
            port.close();
        }
    }

    private void onInput(BoardInput input, boolean active, long atNanos) {
        if (released()) {
            return;
        }
        switch (input) {
            case FIRE_ALARM -> {
                machine.fire(atNanos, active);
                if (active) {
                    log.warn("Fire alarm input active (or its wire cut): entrance held free, grant and deny ignored");
                } else {
                    log.info("Fire alarm input cleared: entrance back to normal operation");
                }
            }
            case EXIT_BUTTON -> {
                if (active) {
                    machine.exitRequest(atNanos, config.grantPulse());
                }
            }
            case DOOR_CONTACT -> machine.door(atNanos, active);
            case PASSAGE_ENTRY -> {
                if (active) {
                    machine.passage(atNanos, Direction.ENTRY);
                }
            }
            case PASSAGE_EXIT -> {
                if (active) {
                    machine.passage(atNanos, Direction.EXIT);
                }
            }
        }
        try {
            settle();
        } catch (RuntimeException e) {
            // On an input thread there is no caller to tell: the outputs are safe, say why.
            log.error("Gate timer could not be scheduled after {} input; outputs driven safe: {}", input, e.toString());
        }
    }

    /** Schedules the machine's next timeout, then writes its lock and signals and hands on its events. */
    private void settle() {
        try {
            schedule(machine.nextDeadline());
        } catch (RuntimeException e) {
            // Without a timer to end it, no release may start or go on, and nothing stays lit or sounding.
            signals.silence();
            port.writeSafe();
            deliver();
            throw e;
        }
        GateMachine.Outputs outputs = machine.outputs();
        port.writeRelay(outputs.released());
        signals.hold(SignalPatterns.standing(machine.fireAlarmActive(), outputs.alarm(), outputs.green(), outputs.red()));
        deliver();
    }

    private void deliver() {
        List<GateEvent> emitted = machine.drainEvents();
        for (int i = 0; i < emitted.size(); i++) {
            GateEvent event = emitted.get(i);
            log.info("gate {}", event);
            try {
                events.accept(event);
            } catch (RuntimeException e) {
                log.warn("Gate event listener failed on {}: {}", event, e.toString());
            }
        }
    }

    private void schedule(long deadline) {
        if (deadline == scheduledFor && timer != null) {
            return;
        }
        cancelTimer();
        if (deadline == GateMachine.NONE) {
            return;
        }
        long generation = ++timerGeneration;
        long delay = Math.max(0, deadline - scheduler.nanoTime());
        timer = scheduler.schedule(() -> onTimer(generation), Duration.ofNanos(delay));
        scheduledFor = deadline;
    }

    private void onTimer(long generation) {
        synchronized (port) {
            // A task that lost a race with a reschedule or close must not act.
            if (released() || generation != timerGeneration) {
                return;
            }
            timer = null;
            scheduledFor = GateMachine.NONE;
            machine.advance(scheduler.nanoTime());
            try {
                settle();
            } catch (RuntimeException e) {
                log.error("Gate timer could not be rescheduled; outputs driven safe: {}", e.toString());
            }
        }
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        scheduledFor = GateMachine.NONE;
        timerGeneration++;
    }

    /**
     * True once the pins are no longer the gate's to drive: closed, or the context shut down (its
     * shutdown hook has already put every output in its shutdown state; a late timer must not undo it).
     */
    private boolean released() {
        return closed || port.contextShutDown();
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("gate must be open to command it, but was closed");
        }
        if (port.contextShutDown()) {
            throw new IllegalStateException("gate's Pi4J context must be running, but was shut down");
        }
    }
}
