package io.limen.agent.gate;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.Digital;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import com.pi4j.io.gpio.digital.PullResistance;
import io.limen.agent.time.Scheduler;
import io.limen.config.BoardInput;
import io.limen.config.BoardProfile;
import io.limen.config.InputWiring;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The gate's pins on one board, in the entrance's terms: it writes the lock as the relay's level (the
 * lock's fail mode and the relay's active level applied; a running gate's LEDs and buzzer are its signal
 * player's) and reports each input as
 * active or not, through its pull resistor, its polarity and its debounce, all from the
 * {@link BoardProfile}.
 *
 * <p>Safety first: the outputs are created, before any input is read or anything else is done, with
 * their initial and shutdown state the unpowered one ({@link GateMachine.Outputs#SAFE}: relay
 * de-energised, LEDs and buzzer off). After {@code kill -9} or a power cut the pins float and the
 * board's pull resistors and the lock's fail mode take over, as they would without the agent.
 *
 * <p>Debounce: an input's new level counts once it has held, with no further edge, for the input's
 * debounce; it is reported at the instant it settled (the edge plus the debounce), on the scheduler's
 * thread. A debounce of zero reports at once, on the thread that saw the edge.
 *
 * <p>Thread-safe: edges (Pi4J's event threads), settle timers (the scheduler) and calls all hold the
 * port's monitor, and the listener is called under it; {@link Gate} uses the same monitor as its lock,
 * so the state machine sees one event at a time.
 */
public final class GpioPort {

    /** Receives each debounced change of an input. */
    @FunctionalInterface
    public interface Listener {
        /** @param atNanos the scheduler's time the new level settled */
        void changed(BoardInput input, boolean active, long atNanos);
    }

    /** Pi4J ids of the outputs, unique within a context (so one gate per context). */
    static final String RELAY = "relay";
    static final String GREEN = "led-green";
    static final String RED = "led-red";
    static final String BUZZER = "buzzer";

    private final Context context;
    private final Scheduler scheduler;
    private final BoardProfile profile;
    private final DigitalState relayEnergised;
    private final DigitalOutput relay;
    private final DigitalOutput green;
    private final DigitalOutput red;
    private final DigitalOutput buzzer;
    private final Map<BoardInput, Watched> inputs = new EnumMap<>(BoardInput.class);
    private final List<Digital<?, ?, ?>> taken = new ArrayList<>();
    private Listener listener = (input, active, at) -> { };

    /** One input: its pin, its wiring, the level last accepted and the pending settle. */
    private final class Watched {
        final BoardInput role;
        final InputWiring wiring;
        final DigitalInput pin;
        final DigitalStateChangeListener onEdge;
        boolean accepted;
        long generation;
        Scheduler.Cancellable settle;

        Watched(BoardInput role, InputWiring wiring, DigitalInput pin) {
            this.role = role;
            this.wiring = wiring;
            this.pin = pin;
            this.onEdge = event -> edge(this, event.state());
        }
    }

    /**
     * Takes the board's pins: outputs first, each created in its safe state, then the inputs.
     *
     * @param fireAlarmDebounce the fire-alarm input's debounce ({@code gate.fireAlarmDebounceMs}), in
     *                          place of the profile's
     * @throws RuntimeException from Pi4J if a pin is busy; the pins already taken are released
     */
    public GpioPort(Context context, BoardProfile profile, Scheduler scheduler, Duration fireAlarmDebounce) {
        this.context = Objects.requireNonNull(context, "context must not be null");
        this.profile = Objects.requireNonNull(profile, "profile must not be null");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler must not be null");
        Objects.requireNonNull(fireAlarmDebounce, "fireAlarmDebounce must not be null");
        relayEnergised = profile.relayActiveHigh() ? DigitalState.HIGH : DigitalState.LOW;
        try {
            relay = take(output(RELAY, profile.relayPin(), DigitalState.getInverseState(relayEnergised)));
            green = take(output(GREEN, profile.greenLedPin(), DigitalState.LOW));
            red = take(output(RED, profile.redLedPin(), DigitalState.LOW));
            buzzer = profile.buzzerPin().isPresent() ? take(output(BUZZER, profile.buzzerPin().getAsInt(), DigitalState.LOW)) : null;
            profile.inputs().forEach((role, wiring) -> {
                InputWiring effective = role == BoardInput.FIRE_ALARM ? wiring.withDebounce(fireAlarmDebounce) : wiring;
                inputs.put(role, new Watched(role, effective, take(input(role, effective))));
            });
        } catch (RuntimeException e) {
            // A pin busy or already registered: release the ones this port took (each goes to its off
            // state), and only those: the one that was busy belongs to someone else.
            taken.forEach(io -> context.shutdown(io.id()));
            throw e;
        }
    }

    private <T extends Digital<?, ?, ?>> T take(T io) {
        taken.add(io);
        return io;
    }

    private DigitalOutput output(String id, int pin, DigitalState off) {
        return context.create(DigitalOutput.newConfigBuilder(context)
                .id(id)
                .name(id + " (BCM " + pin + ")")
                .address(pin)
                .initial(off)
                .shutdown(off));
    }

    private DigitalInput input(BoardInput role, InputWiring wiring) {
        return context.create(DigitalInput.newConfigBuilder(context)
                .id(id(role))
                .name(role.label() + " (BCM " + wiring.pin() + ")")
                .address(wiring.pin())
                .pull(switch (wiring.pull()) {
                    case UP -> PullResistance.PULL_UP;
                    case DOWN -> PullResistance.PULL_DOWN;
                    case NONE -> PullResistance.OFF;
                }));
    }

    /** The Pi4J id of an input: {@code fire-alarm}, {@code exit-button}, {@code door-contact}, {@code passage-entry}. */
    public static String id(BoardInput role) {
        return switch (role) {
            case FIRE_ALARM -> "fire-alarm";
            case EXIT_BUTTON -> "exit-button";
            case DOOR_CONTACT -> "door-contact";
            case PASSAGE_ENTRY -> "passage-entry";
            case PASSAGE_EXIT -> "passage-exit";
        };
    }

    /**
     * Reads every input as it is now (taken as settled: there is no earlier level to debounce against),
     * then reports each later change to {@code listener}.
     */
    public synchronized void listen(Listener listener) {
        this.listener = Objects.requireNonNull(listener, "listener must not be null");
        for (Watched w : inputs.values()) {
            w.pin.addListener(w.onEdge);
            // Read after subscribing, so a change in between is not missed.
            w.accepted = active(w.wiring, w.pin.state());
        }
    }

    /** Whether the input is active now, as last accepted; false for an input the board does not have. */
    public synchronized boolean active(BoardInput input) {
        Watched w = inputs.get(input);
        return w != null && w.accepted;
    }

    /**
     * Drives the relay alone, the lock released or not: the lock's fail mode decides whether "released"
     * energises it. A running {@link Gate} writes only this; its {@code SignalPlayer} owns the LEDs and buzzer.
     */
    public synchronized void writeRelay(boolean released) {
        boolean energised = released == profile.lockFailMode().energiseToRelease();
        relay.state(energised ? relayEnergised : DigitalState.getInverseState(relayEnergised));
    }

    /**
     * Drives every output at once, LEDs and buzzer steady: for a technician's test with no gate running
     * (a running gate uses {@link #writeRelay} and its signal player instead).
     */
    public synchronized void write(GateMachine.Outputs outputs) {
        writeRelay(outputs.released());
        green.state(outputs.green() ? DigitalState.HIGH : DigitalState.LOW);
        red.state(outputs.red() ? DigitalState.HIGH : DigitalState.LOW);
        if (buzzer != null) {
            buzzer.state(outputs.alarm() ? DigitalState.HIGH : DigitalState.LOW);
        }
    }

    /** Drives every output to its unpowered state (relay de-energised), whatever the fail mode. */
    public synchronized void writeSafe() {
        relay.state(DigitalState.getInverseState(relayEnergised));
        green.low();
        red.low();
        if (buzzer != null) {
            buzzer.low();
        }
    }

    /** The pins by role, for watching ({@link PinActivity}). */
    public Map<PinRole, Digital<?, ?, ?>> pins() {
        Map<PinRole, Digital<?, ?, ?>> pins = new EnumMap<>(PinRole.class);
        pins.put(PinRole.RELAY, relay);
        pins.put(PinRole.GREEN_LED, green);
        pins.put(PinRole.RED_LED, red);
        if (buzzer != null) {
            pins.put(PinRole.BUZZER, buzzer);
        }
        inputs.forEach((role, w) -> pins.put(PinRole.of(role), w.pin));
        return Map.copyOf(pins);
    }

    /** Whether the context was shut down (its hook has put every output in its shutdown state). */
    public boolean contextShutDown() {
        return context.isShutdown();
    }

    /** Stops listening, drives every output safe and releases the pins; the context may already be down. */
    public synchronized void close() {
        for (Watched w : inputs.values()) {
            if (w.settle != null) {
                w.settle.cancel();
                w.settle = null;
            }
            w.generation++;
        }
        if (context.isShutdown()) {
            return; // the context already put every output in its shutdown state and released it
        }
        inputs.values().forEach(w -> w.pin.removeListener(w.onEdge));
        writeSafe();
        taken.forEach(io -> context.shutdown(io.id()));
    }

    private static boolean active(InputWiring wiring, DigitalState state) {
        // Anything not clearly the inactive level (UNKNOWN included) counts as active: for the fire alarm
        // that is the safe reading.
        DigitalState inactive = wiring.activeHigh() ? DigitalState.LOW : DigitalState.HIGH;
        return state != inactive;
    }

    private synchronized void edge(Watched w, DigitalState state) {
        if (context.isShutdown()) {
            return;
        }
        boolean level = active(w.wiring, state);
        long generation = ++w.generation;
        if (w.settle != null) {
            w.settle.cancel();
            w.settle = null;
        }
        if (w.wiring.debounce().isZero()) {
            accept(w, level, scheduler.nanoTime());
            return;
        }
        try {
            w.settle = scheduler.schedule(() -> settled(w, generation, level), w.wiring.debounce());
        } catch (RuntimeException e) {
            // No timer to debounce with (the scheduler is stopping): a bouncy reading beats a missed fire alarm.
            accept(w, level, scheduler.nanoTime());
        }
    }

    private synchronized void settled(Watched w, long generation, boolean level) {
        if (generation == w.generation && !context.isShutdown()) {
            w.settle = null;
            accept(w, level, scheduler.nanoTime());
        }
    }

    private void accept(Watched w, boolean level, long atNanos) {
        if (level == w.accepted) {
            return; // a bounce that came back to where it was
        }
        w.accepted = level;
        listener.changed(w.role, level, atNanos);
    }
}
