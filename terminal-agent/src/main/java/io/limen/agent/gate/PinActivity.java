package io.limen.agent.gate;

import com.pi4j.io.gpio.digital.Digital;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * A recorder of what the gate's pins actually did: it listens to Pi4J's state-change events on each
 * pin, so tests and the demo see the levels the pins took, not the gate's own idea of them. Pi4J
 * reports changes only; the state at the moment of watching is each pin's {@code state()}.
 */
public final class PinActivity implements AutoCloseable {

    /**
     * One change of one pin.
     *
     * @param role     which pin
     * @param state    the level it changed to
     * @param nanoTime when, on the recorder's clock
     */
    public record PinEvent(PinRole role, DigitalState state, long nanoTime) {
        public PinEvent {
            Objects.requireNonNull(role, "role must not be null");
            Objects.requireNonNull(state, "state must not be null");
        }
    }

    private final List<PinEvent> events = new CopyOnWriteArrayList<>();
    private final Map<PinRole, Digital<?, ?, ?>> pins;
    private final Map<PinRole, DigitalStateChangeListener> listeners;

    private PinActivity(Map<PinRole, Digital<?, ?, ?>> pins, LongSupplier clock) {
        this.pins = Map.copyOf(pins);
        var byRole = new java.util.EnumMap<PinRole, DigitalStateChangeListener>(PinRole.class);
        this.pins.forEach((role, pin) -> {
            DigitalStateChangeListener l = e -> events.add(new PinEvent(role, e.state(), clock.getAsLong()));
            pin.addListener(l);
            byRole.put(role, l);
        });
        this.listeners = Map.copyOf(byRole);
    }

    /** Starts recording the gate's pins, timed with System.nanoTime. */
    public static PinActivity watch(Gate gate) {
        return new PinActivity(gate.pins(), System::nanoTime);
    }

    /** Starts recording the gate's pins, timed with {@code clock} (e.g. a ManualScheduler's nanoTime). */
    public static PinActivity watch(Gate gate, LongSupplier clock) {
        return new PinActivity(gate.pins(), clock);
    }

    /** Every change so far, oldest first. */
    public List<PinEvent> events() {
        return List.copyOf(events);
    }

    /** The changes of one pin, oldest first. */
    public List<PinEvent> events(PinRole role) {
        return events.stream().filter(e -> e.role() == role).toList();
    }

    /** Forgets the changes recorded so far. */
    public void clear() {
        events.clear();
    }

    /** Stops listening. */
    @Override
    public void close() {
        listeners.forEach((role, l) -> pins.get(role).removeListener(l));
    }
}
