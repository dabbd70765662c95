package io.limen.agent.gate;

import io.limen.agent.time.Scheduler;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.Digital;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import com.pi4j.io.gpio.digital.PullResistance;
import io.limen.config.BoardProfile;
import io.limen.config.GateConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay and the two status LEDs of one entrance, and the fire-alarm input that overrides them.
 *
 * <p>Safety: every output is created with initial and shutdown state "off" (relay de-energised, LEDs
 * dark; the relay's level follows {@link BoardProfile#relayActiveHigh()}), so the pins are safe from
 * the first instruction and on context shutdown. Nothing here sleeps; pulse ends come from the
 * {@link Scheduler}.
 *
 * <p>The outputs are a function of three timers and the alarm, recomputed after every change:
 *
 * <pre>
 *   relay = alarm || granting        granting: a grant pulse has not ended (a second grant extends it)
 *   green = alarm || granting        denying:  a deny display has not ended
 *   red   = !alarm && denying        alarm:    fire-alarm input HIGH (contact open or wire cut)
 * </pre>
 *
 * A deny during a grant pulse does not cut the relay: the person already let through is mid-passage.
 * While the alarm is active, grant and deny change nothing; when it clears, everything goes off.
 *
 * <p>Fire-alarm input: the panel's normally-closed dry contact to GND with the Pi's pull-up, so LOW is
 * normal and HIGH (or anything not LOW) is alarm: a cut wire opens the door rather than locking it.
 *
 * <p>Thread-safe: calls, scheduler tasks and the input listener (a gpiod event thread on a real board)
 * all take the gate's lock.
 */
public final class Gate implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Gate.class);

    /** Pi4J ids of the gate's pins; unique within a context, so one gate per context. */
    static final List<String> IDS = List.of("relay", "led-green", "led-red", "fire-alarm");

    private final Context context;
    private final Scheduler scheduler;
    private final DigitalState relayOn;
    private final DigitalState relayOff;
    private final DigitalOutput relay;
    private final DigitalOutput green;
    private final DigitalOutput red;
    private final DigitalInput fireAlarm;
    private final DigitalStateChangeListener alarmListener;

    private boolean alarm;
    private boolean closed;
    private Scheduler.Cancellable grantRelease;
    private long grantEndNanos;
    private long grantGeneration;
    private Scheduler.Cancellable denyRelease;
    private long denyGeneration;

    /** A gate with the default fire-alarm debounce ({@link GateConfig#DEFAULTS}). */
    public Gate(Context context, BoardProfile profile, Scheduler scheduler) {
        this(context, profile, scheduler, GateConfig.DEFAULTS.fireAlarmDebounce());
    }

    /**
     * @param fireAlarmDebounce how long the fire-alarm input must hold a level before it counts
     *                          ({@link GateConfig#fireAlarmDebounce()})
     */
    public Gate(Context context, BoardProfile profile, Scheduler scheduler, Duration fireAlarmDebounce) {
        this.context = Objects.requireNonNull(context, "context must not be null");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler must not be null");
        Objects.requireNonNull(profile, "profile must not be null");
        relayOn = profile.relayActiveHigh() ? DigitalState.HIGH : DigitalState.LOW;
        relayOff = DigitalState.getInverseState(relayOn);

        List<Digital<?, ?, ?>> taken = new ArrayList<>();
        try {
            relay = take(taken, output("relay", profile.relayPin(), relayOff));
            green = take(taken, output("led-green", profile.greenLedPin(), DigitalState.LOW));
            red = take(taken, output("led-red", profile.redLedPin(), DigitalState.LOW));
            fireAlarm = take(taken, context.create(DigitalInput.newConfigBuilder(context)
                    .id("fire-alarm")
                    .name("fire alarm (BCM " + profile.fireAlarmPin() + ")")
                    .address(profile.fireAlarmPin())
                    .pull(PullResistance.PULL_UP)
                    .debounce(fireAlarmDebounce.toMillis(), TimeUnit.MILLISECONDS)));
        } catch (RuntimeException e) {
            // A pin busy or already registered: release the ones this gate took (each goes to its off
            // state), and only those: the one that was busy belongs to someone else.
            taken.forEach(io -> context.shutdown(io.id()));
            throw e;
        }

        alarmListener = event -> onFireAlarm(event.state());
        fireAlarm.addListener(alarmListener);
        // Read after subscribing, so a change in between is not missed.
        onFireAlarm(fireAlarm.state());
    }

    private static <T extends Digital<?, ?, ?>> T take(List<Digital<?, ?, ?>> taken, T io) {
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

    /** Energises the relay and lights green for {@code pulse}; during a pulse, extends it instead. */
    public synchronized GateCommand grant(Duration pulse) {
        requirePositive("pulse", pulse);
        requireOpen();
        if (alarm) {
            return new GateCommand(GateCommand.Kind.HELD_OPEN_BY_FIRE_ALARM, Duration.ZERO);
        }
        long now = scheduler.nanoTime();
        long end = now + pulse.toNanos();
        if (grantRelease != null) {
            if (end > grantEndNanos) {
                grantRelease.cancel();
                scheduleGrantEnd(end, pulse);
            }
            return new GateCommand(GateCommand.Kind.EXTENDED, Duration.ofNanos(grantEndNanos - now));
        }
        scheduleGrantEnd(end, pulse);
        apply();
        return new GateCommand(GateCommand.Kind.GRANTED, pulse);
    }

    /** Lights red for {@code show}; a later deny restarts the display. */
    public synchronized GateCommand deny(Duration show) {
        requirePositive("show", show);
        requireOpen();
        if (alarm) {
            return new GateCommand(GateCommand.Kind.HELD_OPEN_BY_FIRE_ALARM, Duration.ZERO);
        }
        if (denyRelease != null) {
            denyRelease.cancel();
        }
        long generation = ++denyGeneration;
        try {
            denyRelease = scheduler.schedule(() -> endDeny(generation), show);
        } catch (RuntimeException e) {
            denyRelease = null;
            apply();
            throw e;
        }
        apply();
        return new GateCommand(GateCommand.Kind.DENIED, show);
    }

    /** True while the fire-alarm input holds the door open. */
    public synchronized boolean fireAlarmActive() {
        return alarm;
    }

    /** The gate's pins by role, for watching ({@link PinActivity}); drive them only through the gate. */
    public Map<PinRole, Digital<?, ?, ?>> pins() {
        Map<PinRole, Digital<?, ?, ?>> pins = new EnumMap<>(PinRole.class);
        pins.put(PinRole.RELAY, relay);
        pins.put(PinRole.GREEN_LED, green);
        pins.put(PinRole.RED_LED, red);
        pins.put(PinRole.FIRE_ALARM, fireAlarm);
        return Map.copyOf(pins);
    }

    /**
     * Returns every output to off, cancels pending pulses and releases the pins. Idempotent. After
     * closing, the fire alarm no longer drives the relay: close only when the terminal stops.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        cancelTimers();
        if (context.isShutdown()) {
            return; // the context already put every output in its shutdown state and released it
        }
        fireAlarm.removeListener(alarmListener);
        relay.state(relayOff);
        green.low();
        red.low();
        for (Digital<?, ?, ?> pin : new Digital<?, ?, ?>[] {relay, green, red, fireAlarm}) {
            context.shutdown(pin.id());
        }
    }

    private void scheduleGrantEnd(long endNanos, Duration delay) {
        long generation = ++grantGeneration;
        grantEndNanos = endNanos;
        try {
            grantRelease = scheduler.schedule(() -> endGrant(generation), delay);
        } catch (RuntimeException e) {
            // Without a timer to end it, no pulse may start or go on: the relay drops now, the caller hears why.
            grantRelease = null;
            apply();
            throw e;
        }
    }

    private synchronized void endGrant(long generation) {
        // A task that lost a race with cancel (extension, alarm, close) must not end the newer pulse.
        if (released() || generation != grantGeneration || grantRelease == null) {
            return;
        }
        grantRelease = null;
        apply();
    }

    private synchronized void endDeny(long generation) {
        if (released() || generation != denyGeneration || denyRelease == null) {
            return;
        }
        denyRelease = null;
        apply();
    }

    private synchronized void onFireAlarm(DigitalState state) {
        if (released()) {
            return;
        }
        boolean active = !state.isLow();
        if (active == alarm) {
            apply();
            return;
        }
        alarm = active;
        // The alarm overrides and outlives any pulse: it starts and ends with a clean slate.
        cancelTimers();
        if (active) {
            log.warn("Fire alarm input {} is {}: door held open, grant and deny ignored", fireAlarm.address(), state);
        } else {
            log.info("Fire alarm input {} cleared: door back to normal operation", fireAlarm.address());
        }
        apply();
    }

    /**
     * True once the pins are no longer the gate's to drive: closed, or the context shut down (its
     * shutdown hook has already put every output in its shutdown state; a late timer must not undo it).
     */
    private boolean released() {
        return closed || context.isShutdown();
    }

    private void cancelTimers() {
        if (grantRelease != null) {
            grantRelease.cancel();
            grantRelease = null;
        }
        if (denyRelease != null) {
            denyRelease.cancel();
            denyRelease = null;
        }
        grantGeneration++;
        denyGeneration++;
    }

    private void apply() {
        boolean granting = grantRelease != null;
        boolean denying = denyRelease != null;
        relay.state(alarm || granting ? relayOn : relayOff);
        green.state(alarm || granting ? DigitalState.HIGH : DigitalState.LOW);
        red.state(!alarm && denying ? DigitalState.HIGH : DigitalState.LOW);
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("gate must be open to command it, but was closed");
        }
        if (context.isShutdown()) {
            throw new IllegalStateException("gate's Pi4J context must be running, but was shut down");
        }
    }

    private static void requirePositive(String name, Duration d) {
        Objects.requireNonNull(d, name + " must not be null");
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, but was " + d.toMillis() + " ms");
        }
    }
}
