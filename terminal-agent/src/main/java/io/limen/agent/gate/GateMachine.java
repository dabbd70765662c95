package io.limen.agent.gate;

import io.limen.config.Direction;
import io.limen.config.RelayMode;
import io.limen.format.credential.Credential;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The gate controller: what the lock, the LEDs and the alarm output should be, given the grants,
 * denials and inputs so far and the time now. Pure: no pins, no threads, no clock; every call takes
 * {@code now} (monotonic nanoseconds), and the caller asks {@link #nextDeadline()} when to call
 * {@link #advance} again. {@link Gate} drives the pins from {@link #outputs()} and hands
 * {@link #drainEvents()} to the scan log and to anti-passback.
 *
 * <pre>
 *                        grant / exit button                    passage seen, all grants used: PASSED
 *   ┌─────────┐ ───────────────────────────────▶ ┌──────────┐ ─────────────────────────────────────────┐
 *   │ LOCKED  │                                  │ RELEASED │                                          │
 *   │         │ ◀─── passage timeout: NOT_PASSED  └──────────┘ ── door opens: PASSED ──┐               │
 *   └─────────┘ ◀──────────────────────────────────────────────────────────────────────┼───────────────┘
 *     │     ▲  passage with no grant: FORCED (alarm for alarmHold)                      ▼
 *     │     │                                                              ┌───────────┐
 *     │     └──────────────────────── door closes ──────────────────────── │ DOOR_OPEN │ open past heldOpen: HELD_OPEN
 *     └── door opens with no grant: FORCED (alarm until it closes) ──────▶ └───────────┘   (alarm until it closes)
 *
 *   every state ── fire alarm ──▶ FIRE: lock released, green on; grants, denials, passages and the
 *                                 door ignored, pending grants dropped ── clears ──▶ LOCKED (DOOR_OPEN
 *                                 if the door stands open)
 * </pre>
 *
 * The state is a projection of a few facts (fire input, door contact, grants not yet used), so no
 * transition can leave them disagreeing. The lock is released while grants are pending and, in
 * {@link RelayMode#PULSE}, the pulse runs ({@link RelayMode#LATCH}: until the passage or its timeout).
 * In pulse mode a grant keeps waiting for its passage after the pulse until the passage timeout:
 * someone who pushed the door or the arm at the last moment still counts as through.
 *
 * <p>With both a passage sensor and a door contact, the sensor confirms passages (one per person, so a
 * tailgater is {@code forced}) and the door contact only reports a door forced or held open.
 *
 * <p>An entrance with neither passage sensor nor door contact cannot confirm a passage: its grants
 * end with the pulse, silently, and anti-passback counts them as used at the decision.
 *
 * <p>A deny during a release does not lock: the person already let through is mid-passage. A second
 * grant during a pulse extends it (never shortens it) and waits for a passage of its own.
 *
 * <p>Not thread-safe: {@link Gate} calls it under its lock.
 */
public final class GateMachine {

    /** Where the entrance is, as the diagram names it. */
    public enum State { LOCKED, RELEASED, DOOR_OPEN, FIRE }

    /**
     * How one entrance behaves (from {@code gate} in the config and the board's wiring).
     *
     * @param relayMode      pulse or latch
     * @param passageTimeout how long after a grant its passage still counts, > 0; then {@code not_passed}
     * @param heldOpen       how long the door may stand open before {@code held_open}, > 0
     * @param alarmHold      how long the alarm output sounds for a forced passage, > 0 (a door forced or
     *                       held open sounds until it closes)
     * @param passageSensor  whether a rotation or passage sensor (one per direction) is wired
     * @param doorContact    whether a door contact is wired
     */
    public record Settings(RelayMode relayMode, Duration passageTimeout, Duration heldOpen, Duration alarmHold,
                           boolean passageSensor, boolean doorContact) {

        /** A bare relay: pulse mode, nothing to confirm a passage with; the times are those of the config's defaults. */
        public static final Settings PULSE_ONLY = new Settings(RelayMode.PULSE, Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofSeconds(5), false, false);

        public Settings {
            Objects.requireNonNull(relayMode, "relayMode must not be null");
            positive("passageTimeout", passageTimeout);
            positive("heldOpen", heldOpen);
            positive("alarmHold", alarmHold);
            if (relayMode == RelayMode.LATCH && !passageSensor && !doorContact) {
                throw new IllegalArgumentException("relay mode latch must have a passage sensor or door contact to end it,"
                        + " but the entrance has neither");
            }
        }

        /** Whether a passage can be seen, so grants end as {@code passed} or {@code not_passed}. */
        public boolean confirmsPassage() {
            return passageSensor || doorContact;
        }

        private static void positive(String name, Duration d) {
            Objects.requireNonNull(d, name + " must not be null");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, but was " + d.toMillis() + " ms");
            }
        }
    }

    /**
     * What the outputs should be, in the entrance's terms; {@link Gate} maps them to pin levels (fail
     * mode, active-high or low).
     *
     * @param released the lock released (door free, turnstile arm free)
     * @param green    the green "go" LED
     * @param red      the red LED: a denial shown, or an alarm
     * @param alarm    the alarm output (buzzer): forced or held open
     */
    public record Outputs(boolean released, boolean green, boolean red, boolean alarm) {
        /** Everything off: the state the pins take before the machine exists and after the agent stops. */
        public static final Outputs SAFE = new Outputs(false, false, false, false);
    }

    /** "No deadline": the largest time. */
    public static final long NONE = Long.MAX_VALUE;

    private record Pending(Direction direction, Optional<Credential> credential) {}

    private final Settings settings;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final List<GateEvent> events = new ArrayList<>();
    private long now = Long.MIN_VALUE;
    private boolean fire;
    private boolean doorOpen;
    /** A door forced or held open: the alarm sounds until it closes. */
    private boolean doorAlarm;
    private long pulseEnd = NONE;
    private long passageDeadline = NONE;
    private long denyEnd = NONE;
    private long heldOpenAt = NONE;
    private long forcedAlarmEnd = NONE;

    public GateMachine(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings must not be null");
    }

    /**
     * The inputs as read at start-up, before any event: a door found open is not forced (nobody saw
     * it open), but it gets the held-open time from now; a fire alarm found active holds the gate free.
     */
    public void start(long now, boolean fireActive, boolean doorFoundOpen) {
        advance(now);
        if (doorFoundOpen && settings.doorContact() && !doorOpen) {
            doorOpen = true;
            heldOpenAt = this.now + settings.heldOpen().toNanos();
        }
        fire(now, fireActive);
    }

    /**
     * A grant for a person going {@code direction}: releases the lock for {@code pulse} (pulse mode) or
     * until the passage (latch mode), and waits up to the passage timeout for the passage.
     *
     * @param pulse how long the relay stays released in pulse mode, > 0
     */
    public GateCommand grant(long now, Duration pulse, Direction direction, Optional<Credential> credential) {
        Objects.requireNonNull(direction, "direction must not be null");
        Objects.requireNonNull(credential, "credential must not be null");
        long pulseNanos = positiveNanos("pulse", pulse);
        advance(now);
        if (fire) {
            return new GateCommand(GateCommand.Kind.HELD_OPEN_BY_FIRE_ALARM, Duration.ZERO);
        }
        return release(pulseNanos, direction, credential);
    }

    /** A denial: red for {@code show}; a later denial restarts it. Never locks a release in progress. */
    public GateCommand deny(long now, Duration show) {
        long showNanos = positiveNanos("show", show);
        advance(now);
        if (fire) {
            return new GateCommand(GateCommand.Kind.HELD_OPEN_BY_FIRE_ALARM, Duration.ZERO);
        }
        denyEnd = this.now + showNanos;
        return new GateCommand(GateCommand.Kind.DENIED, show);
    }

    /** The request-to-exit button was pressed: logged, and the lock released for one passage out. */
    public void exitRequest(long now, Duration pulse) {
        long pulseNanos = positiveNanos("pulse", pulse);
        advance(now);
        events.add(new GateEvent(GateEvent.Kind.EXIT_REQUEST, this.now, Optional.of(Direction.EXIT), Optional.empty()));
        if (!fire) {
            release(pulseNanos, Direction.EXIT, Optional.empty());
        }
    }

    /** A passage sensor saw someone go through {@code direction}. */
    public void passage(long now, Direction direction) {
        Objects.requireNonNull(direction, "direction must not be null");
        advance(now);
        if (fire) {
            return; // the entrance is free: passages are not accounted
        }
        for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (p.direction() == direction) {
                it.remove();
                passed(p);
                return;
            }
        }
        events.add(new GateEvent(GateEvent.Kind.FORCED, this.now, Optional.of(direction), Optional.empty()));
        forcedAlarmEnd = this.now + settings.alarmHold().toNanos();
    }

    /** The door contact changed: {@code open} true when the door left its frame. */
    public void door(long now, boolean open) {
        advance(now);
        if (open == doorOpen) {
            return;
        }
        doorOpen = open;
        if (!open) {
            heldOpenAt = NONE;
            doorAlarm = false;
            return;
        }
        if (fire) {
            return; // free passage; the held-open time starts when the alarm clears
        }
        heldOpenAt = this.now + settings.heldOpen().toNanos();
        if (settings.passageSensor()) {
            // The sensor confirms passages (and counts a tailgater); the door only says whether it was forced.
            if (pending.isEmpty()) {
                events.add(new GateEvent(GateEvent.Kind.FORCED, this.now, Optional.empty(), Optional.empty()));
                doorAlarm = true;
            }
            return;
        }
        Pending p = pending.poll();
        if (p != null) {
            passed(p);
        } else {
            events.add(new GateEvent(GateEvent.Kind.FORCED, this.now, Optional.empty(), Optional.empty()));
            doorAlarm = true;
        }
    }

    /**
     * The fire-alarm input, debounced: {@code active} true for alarm (or a cut wire). Overrides every
     * state; when it clears the entrance locks, with a clean slate.
     */
    public void fire(long now, boolean active) {
        advance(now);
        if (active == fire) {
            return;
        }
        fire = active;
        if (active) {
            events.add(new GateEvent(GateEvent.Kind.FIRE_ALARM, this.now, Optional.empty(), Optional.empty()));
            pending.clear();
            pulseEnd = NONE;
            passageDeadline = NONE;
            denyEnd = NONE;
            heldOpenAt = NONE;
            forcedAlarmEnd = NONE;
            doorAlarm = false;
        } else {
            events.add(new GateEvent(GateEvent.Kind.FIRE_CLEARED, this.now, Optional.empty(), Optional.empty()));
            if (doorOpen) {
                heldOpenAt = this.now + settings.heldOpen().toNanos();
            }
        }
    }

    /**
     * Runs every timeout due at or before {@code now}, in time order, each at the instant it fell due.
     * Time never goes back: an earlier {@code now} than one already seen counts as that one.
     */
    public void advance(long now) {
        while (true) {
            long due = nextDeadline();
            if (due > now || due == NONE) {
                break;
            }
            this.now = Math.max(this.now, due);
            expire(due);
        }
        this.now = Math.max(this.now, now);
    }

    /** When {@link #advance} has something to do next; {@link #NONE} for nothing. */
    public long nextDeadline() {
        return Math.min(Math.min(pulseEnd, passageDeadline), Math.min(Math.min(denyEnd, heldOpenAt), forcedAlarmEnd));
    }

    public State state() {
        if (fire) {
            return State.FIRE;
        }
        if (doorOpen) {
            return State.DOOR_OPEN;
        }
        return pending.isEmpty() ? State.LOCKED : State.RELEASED;
    }

    /** What the outputs should be now. */
    public Outputs outputs() {
        boolean released = fire || (!pending.isEmpty() && (settings.relayMode() == RelayMode.LATCH || pulseEnd != NONE));
        boolean alarm = !fire && (doorAlarm || forcedAlarmEnd != NONE);
        boolean red = !fire && (denyEnd != NONE || alarm);
        return new Outputs(released, released, red, alarm);
    }

    /** The events since the last call, oldest first; the machine forgets them. */
    public List<GateEvent> drainEvents() {
        if (events.isEmpty()) {
            return List.of();
        }
        List<GateEvent> drained = List.copyOf(events);
        events.clear();
        return drained;
    }

    public boolean fireAlarmActive() {
        return fire;
    }

    private GateCommand release(long pulseNanos, Direction direction, Optional<Credential> credential) {
        boolean wasReleased = outputs().released();
        long end = now + pulseNanos;
        pending.add(new Pending(direction, credential));
        if (settings.confirmsPassage()) {
            passageDeadline = Math.max(now + settings.passageTimeout().toNanos(), end);
        }
        if (settings.relayMode() == RelayMode.LATCH) {
            Duration until = Duration.ofNanos(passageDeadline - now);
            return new GateCommand(wasReleased ? GateCommand.Kind.EXTENDED : GateCommand.Kind.GRANTED, until);
        }
        if (wasReleased) {
            pulseEnd = Math.max(pulseEnd, end);
            return new GateCommand(GateCommand.Kind.EXTENDED, Duration.ofNanos(pulseEnd - now));
        }
        pulseEnd = end;
        return new GateCommand(GateCommand.Kind.GRANTED, Duration.ofNanos(pulseNanos));
    }

    private void passed(Pending p) {
        events.add(new GateEvent(GateEvent.Kind.PASSED, now, Optional.of(p.direction()), p.credential()));
        if (pending.isEmpty()) {
            // The last grant is used: lock at once, so the arm or door does not let a second person through.
            pulseEnd = NONE;
            passageDeadline = NONE;
        }
    }

    private void expire(long due) {
        if (pulseEnd == due) {
            pulseEnd = NONE;
            if (!settings.confirmsPassage()) {
                pending.clear(); // nothing can confirm these: the pulse was their whole life
            }
        }
        if (passageDeadline == due) {
            passageDeadline = NONE;
            pulseEnd = NONE;
            for (Pending p : pending) {
                events.add(new GateEvent(GateEvent.Kind.NOT_PASSED, due, Optional.of(p.direction()), p.credential()));
            }
            pending.clear();
        }
        if (denyEnd == due) {
            denyEnd = NONE;
        }
        if (heldOpenAt == due) {
            heldOpenAt = NONE;
            events.add(new GateEvent(GateEvent.Kind.HELD_OPEN, due, Optional.empty(), Optional.empty()));
            doorAlarm = true;
        }
        if (forcedAlarmEnd == due) {
            forcedAlarmEnd = NONE;
        }
    }

    private static long positiveNanos(String name, Duration d) {
        Objects.requireNonNull(d, name + " must not be null");
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, but was " + d.toMillis() + " ms");
        }
        return d.toNanos();
    }
}
