package io.limen.agent;

import io.limen.agent.decode.QrDecoder;
import io.limen.agent.gate.Gate;
import io.limen.agent.lists.ListSnapshot;
import io.limen.agent.policy.AccessPolicy;
import io.limen.agent.policy.Passages;
import io.limen.agent.policy.Presentations;
import io.limen.agent.revocation.RevocationSet;
import io.limen.agent.revocation.RevocationStore;
import io.limen.agent.revocation.SqliteConnections;
import io.limen.agent.scanlog.Alarms;
import io.limen.agent.scanlog.ScanLog;
import io.limen.agent.scanlog.ScanLogWriter;
import io.limen.agent.time.WallClock;
import io.limen.config.AgentConfig;
import io.limen.format.credential.TrustStore;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: the one place that assembles a terminal, from one {@link AgentConfig} and a
 * bundle of {@link HardwareSeams}. The live terminal, {@code demo}, {@code scan}, the benchmarks and the
 * tests all build it here, so none of them is a partial copy of the wiring. No container, no reflection:
 * constructors, in the order of the path.
 *
 * <h2>Threads of a running terminal (the authoritative table)</h2>
 *
 * <pre>
 * thread            owns                                   hands off to                    may block on
 * ----------------  -------------------------------------  ------------------------------  ----------------------
 * camera reader     the FrameSource, its FramePool buffers  one-slot exchange, newest wins:  the camera pipe
 *   (one per source)                                       an unread frame is dropped and    (read)
 *                                                          counted, its buffer returned
 * admit             QrDecoder, Checkpoint (verifier,        Gate (under its lock, sets pins  nothing: no I/O, no
 *                   policy, Passages), the frame it reads;  and schedules the pulse end);    lock held by I/O, no
 *                   reads the clock and the ListSnapshot    Display slot; scan-log queue     allocation-heavy work
 *                   once per scan                           (offer, never put)
 * scheduler         timers: pulse and deny-show ends,       Gate (takes its lock)            nothing
 *                   backoff, periodic work (one daemon
 *                   thread, ExecutorScheduler)
 * GPIO events       Pi4J/gpiod listener threads: input      Gate (takes its lock)            nothing
 *                   edges (fire alarm) into the gate
 * display writer    the display hardware (the log today,    —                                the display (I2C, log)
 *                   the LCD later); takes the newest
 *                   message from its slot
 * scan-log writer   the SQLite outbox (ScanLogWriter): takes  uplink (reads committed rows    SQLite, the disk
 *                   what the hand-off holds, appends it as   on its own connection)           (fsync per group)
 *                   one group, one fsync; cap, retention
 * uplink            the MQTT connection; batches, jittered  —                                the network
 *                   backoff, obeys "slow down"
 * list sync         builds a new ListSnapshot off the       AtomicReference swap, read by    the network, SQLite
 *                   admit thread (signed, versioned)        the admit thread at its next scan
 * config watcher    re-reads the config file (SIGHUP)       swaps a new config at a frame    the disk
 *                                                          boundary
 * web               the technician's status page; reads     —                                the network
 *                   status snapshots only
 * </pre>
 *
 * {@code io.limen.agent.run.TerminalRun} starts the camera reader ({@code camera.CameraReader} into
 * {@code camera.LatestFrame}) and the admit thread ({@code run.AdmitLoop}: debounce, decision lines);
 * the config watcher is the SIGHUP handler thread of {@code run.RunSignals}, which calls
 * {@link #reconfigure}: a new {@link Assembly} built off the admit thread and swapped in whole, read by
 * the admit thread once per frame. The scan-log writer runs when the config names a scan log. The
 * uplink, list sync and web come with their issues, each taking the row above. The rule they keep:
 * the admit thread hands off through
 * a slot, a queue offer or an {@code AtomicReference}, and waits on nothing.
 */
public final class Terminal implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Terminal.class);

    /**
     * What a configuration assembles on top of the hardware: the admit path and the lists it judges
     * by. Immutable; a reload makes a new one and swaps it in whole, read by the admit thread once per
     * frame (the frame boundary).
     */
    public record Assembly(AgentConfig config, Agent agent, AtomicReference<ListSnapshot> lists) {
    }

    private final HardwareSeams seams;
    private final Gate gate;
    private final ScanLog scanLog;
    /** Anti-passback's memory, carried across reloads: a reload must not let a pass through twice. */
    private final Passages passages;
    /**
     * Replay memory of dynamic codes, carried across reloads like the passages. Its start time is the
     * clock at assembly: codes signed before it are refused as replayed (it cannot know them).
     */
    private final Presentations presentations;
    private final AtomicReference<Assembly> current = new AtomicReference<>();

    private Terminal(HardwareSeams seams, Gate gate, ScanLog scanLog, AgentConfig config, Passages passages) {
        this.passages = passages;
        this.presentations = new Presentations(Presentations.DEFAULT_CAPACITY, config.policy().presentationWindow(),
                seams.wallClock().read().instant());
        this.scanLog = scanLog;
        this.seams = seams;
        this.gate = gate;
    }

    /**
     * Loads the lists the config names and wires camera-path decoder → verifier → policy → gate → display.
     * The gate's outputs are in their safe state from its construction on.
     *
     * @throws IOException if the trust file cannot be read
     * @throws IllegalArgumentException if the trust file is not a valid trust store
     * @throws io.limen.agent.revocation.RevocationStoreException if the revocation store cannot be read
     */
    public static Terminal assemble(AgentConfig config, HardwareSeams seams) throws IOException {
        Objects.requireNonNull(config, "config must not be null");
        Objects.requireNonNull(seams, "seams must not be null");
        ListSnapshot lists = loadLists(config, seams);
        ScanLog scanLog = scanLog(config, seams.wallClock());
        Passages passages = new Passages(Checkpoint.PASSAGES, config.gate().direction());
        Gate gate;
        try {
            gate = new Gate(seams.gpio(), config.board(), seams.scheduler(), config.gate(), gateEvents(scanLog, passages));
        } catch (RuntimeException e) {
            scanLog.close();
            throw e;
        }
        Terminal terminal = new Terminal(seams, gate, scanLog, config, passages);
        terminal.current.set(terminal.assembly(config, lists));
        return terminal;
    }

    /**
     * Where the gate's events go: beside the decisions in the scan log, and a grant nobody used back to
     * anti-passback, so its holder may try again at once. Runs under the gate's lock: offers only.
     */
    static java.util.function.Consumer<io.limen.agent.gate.GateEvent> gateEvents(ScanLog scanLog, Passages passages) {
        return event -> {
            if (event.kind() == io.limen.agent.gate.GateEvent.Kind.NOT_PASSED && event.credential().isPresent()
                    && event.direction().isPresent()) {
                passages.giveBack(event.credential().get().revocationKey(), event.direction().get());
            }
            scanLog.gateEvent(event);
        };
    }

    /**
     * The scan log the config names, its writer thread started; {@link ScanLog#NONE} when it names none.
     * Its own writable connection, not the seams' (read-only for the lists on a simulated terminal).
     */
    private static ScanLog scanLog(AgentConfig config, WallClock clock) {
        return config.scanLog().database()
                .<ScanLog>map(file -> ScanLogWriter.start(config.scanLog(), SqliteConnections.file(file,
                        config.scanLog().busyTimeout()), config.terminal().zone(), clock, new Alarms(), group -> { }))
                .orElse(ScanLog.NONE);
    }

    /**
     * Takes a new configuration (a reload): reads its lists, builds a new admit path on the same gate
     * and scan log, and swaps it in whole; the admit thread judges by it from its next frame, never
     * halfway through a scan. The board's pins, the fire-alarm debounce, the camera and the scan log
     * stay as started: a change to them is logged and takes effect at the next start.
     *
     * @throws IOException (and the other exceptions of {@link #assemble}) if the new lists cannot be
     *                     read; the old configuration then stays, untouched
     */
    public void reconfigure(AgentConfig next) throws IOException {
        Objects.requireNonNull(next, "next must not be null");
        Assembly built = assembly(next, loadLists(next, seams));
        AgentConfig old = current.getAndSet(built).config();
        if (!old.board().equals(next.board()) || !old.camera().equals(next.camera()) || !old.scanLog().equals(next.scanLog())
                || !gateHardware(old.gate()).equals(gateHardware(next.gate()))) {
            log.warn("config: board, camera, scanLog or the gate's wiring and timing (all of gate but pulseMs, denyMs and"
                    + " antiPassbackMs) changed; they take effect at the next start");
        }
    }

    /** The part of the gate config the running gate keeps until the next start: all but the per-decision times and the policy's window. */
    private static io.limen.config.GateConfig gateHardware(io.limen.config.GateConfig gate) {
        return gate.withAntiPassback(java.time.Duration.ZERO).withTimes(io.limen.config.GateConfig.DEFAULTS.grantPulse(),
                io.limen.config.GateConfig.DEFAULTS.denyShow());
    }

    private Assembly assembly(AgentConfig config, ListSnapshot loaded) {
        AtomicReference<ListSnapshot> lists = new AtomicReference<>(loaded);
        Checkpoint checkpoint = new Checkpoint(new QrDecoder(config.decoder().tryHarder()), config.credentials().clockSkew(),
                config.policy().presentationWindow(), AccessPolicy.of(config.terminal().zone(), config.policy(), config.gate()),
                lists::get, seams.wallClock(), seams.scheduler()::nanoTime, passages, presentations);
        return new Assembly(config, new Agent(checkpoint, gate, config.gate(), seams.display(), scanLog), lists);
    }

    /**
     * The decision half alone, for callers with no gate ({@code scan}): the same verifier and policy
     * as {@link #assemble}, on the lists and decoder given.
     */
    public static Checkpoint checkpoint(AgentConfig config, QrDecoder decoder, Supplier<ListSnapshot> lists,
                                        WallClock clock, LongSupplier monotonic) {
        // A tool, not an entrance: nothing to remember from before it started (Presentations.none()).
        return new Checkpoint(decoder, config.credentials().clockSkew(), config.policy().presentationWindow(),
                AccessPolicy.of(config.terminal().zone(), config.policy(), config.gate()), lists, clock, monotonic,
                new Passages(Checkpoint.PASSAGES, config.gate().direction()), Presentations.none());
    }

    /** The trust file and revocation store the config names, read now, as one snapshot. */
    public static ListSnapshot loadLists(AgentConfig config, HardwareSeams.SqliteFactory sqlite, WallClock clock) throws IOException {
        TrustStore trust = TrustStore.load(config.credentials().trustFile());
        RevocationSet revocations = config.revocation().database()
                .map(file -> RevocationStore.readSnapshot(sqlite.open(file, config.revocation().busyTimeout())))
                .orElseGet(RevocationSet::empty);
        return ListSnapshot.of(trust, revocations, clock.read().instant());
    }

    private static ListSnapshot loadLists(AgentConfig config, HardwareSeams seams) throws IOException {
        return loadLists(config, seams.sqlite(), seams.wallClock());
    }

    /** The admit path as configured now; read it once per frame. */
    public Agent agent() {
        return current.get().agent();
    }

    /** The configuration and admit path in effect now, one consistent pair. */
    public Assembly assembly() {
        return current.get();
    }

    /** Where decisions are logged: a {@link ScanLogWriter}, or {@link ScanLog#NONE}. */
    public ScanLog scanLog() {
        return scanLog;
    }

    public Gate gate() {
        return gate;
    }

    /** The configuration in effect now. */
    public AgentConfig config() {
        return current.get().config();
    }

    public HardwareSeams seams() {
        return seams;
    }

    /** The lists scans are judged by now. */
    public ListSnapshot lists() {
        return current.get().lists().get();
    }

    /** Swaps in new lists whole; the next scan is judged by them (list sync's hand-off). */
    public void replaceLists(ListSnapshot snapshot) {
        current.get().lists().set(Objects.requireNonNull(snapshot, "snapshot must not be null"));
    }

    /**
     * Returns the gate's outputs to safe, closes the camera, then makes durable what the scan log was
     * handed; the caller shuts the GPIO context down.
     */
    @Override
    public void close() throws IOException {
        try {
            gate.close();
        } finally {
            try {
                seams.camera().close();
            } finally {
                scanLog.close();
            }
        }
    }
}
