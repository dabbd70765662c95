package io.limen.agent;

import io.limen.agent.decode.QrDecoder;
import io.limen.agent.gate.Gate;
import io.limen.agent.lists.ListSnapshot;
import io.limen.agent.policy.AccessPolicy;
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
 * Today the admit thread, the scheduler, the GPIO events, the display writer, the scan-log writer
 * (when the config names a scan log) and the camera reader ({@code camera.CameraReader} into
 * {@code camera.LatestFrame}) exist; the uplink, list sync, config watcher and web come with their
 * issues, each taking the row above. The rule they keep: the admit thread hands off through
 * a slot, a queue offer or an {@code AtomicReference}, and waits on nothing.
 */
public final class Terminal implements AutoCloseable {

    private final AgentConfig config;
    private final HardwareSeams seams;
    private final AtomicReference<ListSnapshot> lists;
    private final Gate gate;
    private final Agent agent;
    private final ScanLog scanLog;

    private Terminal(AgentConfig config, HardwareSeams seams, AtomicReference<ListSnapshot> lists, Gate gate, Agent agent,
                     ScanLog scanLog) {
        this.scanLog = scanLog;
        this.config = config;
        this.seams = seams;
        this.lists = lists;
        this.gate = gate;
        this.agent = agent;
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
        AtomicReference<ListSnapshot> lists = new AtomicReference<>(loadLists(config, seams));
        Checkpoint checkpoint = checkpoint(config, new QrDecoder(config.decoder().tryHarder()), lists::get,
                seams.wallClock(), seams.scheduler()::nanoTime);
        Gate gate = new Gate(seams.gpio(), config.board(), seams.scheduler(), config.gate().fireAlarmDebounce());
        ScanLog scanLog = scanLog(config, seams.wallClock());
        return new Terminal(config, seams, lists, gate, new Agent(checkpoint, gate, config.gate(), seams.display(), scanLog),
                scanLog);
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
     * The decision half alone, for callers with no gate ({@code scan}): the same verifier and policy
     * as {@link #assemble}, on the lists and decoder given.
     */
    public static Checkpoint checkpoint(AgentConfig config, QrDecoder decoder, Supplier<ListSnapshot> lists,
                                        WallClock clock, LongSupplier monotonic) {
        return new Checkpoint(decoder, config.credentials().clockSkew(), AccessPolicy.standard(config.terminal().zone()),
                lists, clock, monotonic);
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

    public Agent agent() {
        return agent;
    }

    /** Where decisions are logged: a {@link ScanLogWriter}, or {@link ScanLog#NONE}. */
    public ScanLog scanLog() {
        return scanLog;
    }

    public Gate gate() {
        return gate;
    }

    public AgentConfig config() {
        return config;
    }

    public HardwareSeams seams() {
        return seams;
    }

    /** The lists scans are judged by now. */
    public ListSnapshot lists() {
        return lists.get();
    }

    /** Swaps in new lists whole; the next scan is judged by them (list sync's hand-off). */
    public void replaceLists(ListSnapshot snapshot) {
        lists.set(Objects.requireNonNull(snapshot, "snapshot must not be null"));
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
