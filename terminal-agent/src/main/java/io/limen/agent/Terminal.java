package io.limen.agent;

import io.limen.agent.decode.QrDecoder;
import io.limen.agent.gate.Gate;
import io.limen.agent.lists.ListKeeper;
import io.limen.agent.lists.ListSync;
import io.limen.agent.lists.ListSnapshot;
import io.limen.agent.policy.AccessPolicy;
import io.limen.agent.policy.Passages;
import io.limen.agent.policy.Presentations;
import io.limen.agent.revocation.RevocationSet;
import io.limen.agent.revocation.RevocationStore;
import io.limen.agent.revocation.SqliteConnections;
import io.limen.agent.scanlog.Alarms;
import io.limen.agent.scanlog.Outbox;
import io.limen.agent.scanlog.ScanLog;
import io.limen.agent.scanlog.ScanLogWriter;
import io.limen.agent.time.Scheduler;
import io.limen.agent.time.WallClock;
import io.limen.agent.uplink.LinkException;
import io.limen.agent.uplink.MqttLink;
import io.limen.agent.uplink.PahoMqttLink;
import io.limen.agent.uplink.UplinkPump;
import io.limen.format.lists.ListTopics;
import io.limen.config.UplinkConfig;
import io.limen.config.AgentConfig;
import io.limen.format.credential.TrustStore;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
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
 * GPIO events       Pi4J/gpiod listener threads: input      Gate (takes its lock; its events nothing
 *                   edges (fire alarm, exit button, door    offered to the scan log, a
 *                   contact, passage sensors), debounced    not_passed given back to Passages)
 *                   on the scheduler, into the gate
 * display writer    the display hardware (the log, the      —                                the display (I2C, log)
 *                   LCD or the OLED); takes the newest
 *                   message from its slot
 * scan-log writer   the SQLite outbox (ScanLogWriter): takes  uplink (reads committed rows    SQLite, the disk
 *                   what the hand-off holds, appends it as   on its own connection)           (fsync per group)
 *                   one group, one fsync; cap, retention
 * uplink            UplinkPump: its own outbox connection;  — (the scan-log writer only       the network (a PUBACK,
 *                   batches, QoS 1, marks rows sent after   wakes it: a semaphore release)   up to the publish
 *                   a success PUBACK; status, heartbeat,                                     timeout), SQLite
 *                   alarms; backs off on "slow down"
 * uplink-connect    ReconnectLoop: connect attempts with    the uplink thread (a wake)        the network (a CONNACK,
 *                   full-jitter backoff                                                      up to the connect timeout)
 * list sync         ListSync, with ListKeeper: looks for    AtomicReference swap, read by    SQLite (a snapshot apply:
 *                   imports and the drop folder (the        the admit thread at its next     seconds at 1 M keys), the
 *                   scheduler only says when, every 5 s),   scan; the time floor (signed     disk; never the network
 *                   applies MQTT list messages (ListFeed),  issue times)
 *                   loads the new filter, builds the new
 *                   ListSnapshot off the admit thread
 * MQTT client       Paho's callback thread: hands each      list sync (a queue; waits only   list sync's queue (more
 *   callback        list message to list sync               past 32 MiB queued: back-        than 32 MiB waiting)
 *                                                           pressure to the broker)
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
 * the admit thread once per frame. The scan-log writer runs when the config names a scan log, the uplink
 * pump when it names an uplink too; list sync when it names {@code lists.signers} (its MQTT messages with
 * the uplink's link). Web comes with its issue, taking the row above. The rule they keep:
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
    /** The uplink pump, or null for a terminal without one. */
    private final UplinkPump uplink;
    /** What the terminal tells the heartbeat about its camera; {@code TerminalRun} sets it once it reads one. */
    private volatile Supplier<Map<String, Object>> cameraStatus = () -> Map.of("state", "not started");
    /** Anti-passback's memory, carried across reloads: a reload must not let a pass through twice. */
    private final Passages passages;
    /**
     * Replay memory of dynamic codes, carried across reloads like the passages. Its start time is the
     * clock at assembly: codes signed before it are refused as replayed (it cannot know them).
     */
    private final Presentations presentations;
    private final AtomicReference<Assembly> current = new AtomicReference<>();
    /** The signed lists this terminal keeps itself ({@code lists.signers}), or null: lists read as before. */
    private final ListKeeper keeper;
    /** The list-sync thread of a terminal with a keeper, or null. */
    private final ListSync listSync;
    /** The next look for list updates, while the terminal runs; guarded by this. */
    private Scheduler.Cancellable listRefresh;
    private volatile boolean listsStale;
    /** Who watches the gate's events besides the scan log ({@link #watchGateEvents}). */
    private final java.util.List<Consumer<io.limen.agent.gate.GateEvent>> gateWatchers = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Asks the broker for the retained list messages again (a snapshot dropped past its timeout); nothing without an uplink. */
    private volatile Runnable resendLists = () -> { };

    private Terminal(HardwareSeams seams, Gate gate, ScanLog scanLog, UplinkPump uplink, AgentConfig config, Passages passages,
                     ListKeeper keeper, ListSync listSync) {
        this.passages = passages;
        this.keeper = keeper;
        this.listSync = listSync;
        this.presentations = new Presentations(Presentations.DEFAULT_CAPACITY, config.policy().presentationWindow(),
                seams.wallClock().read().instant());
        this.scanLog = scanLog;
        this.uplink = uplink;
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
        ListKeeper keeper = ListKeeper.open(config, seams.wallClock().read().instant(), seams.scheduler()::nanoTime).orElse(null);
        ListSnapshot lists;
        try {
            lists = keeper != null ? keeper.load(seams.wallClock().read().instant()) : loadLists(config, seams);
        } catch (IOException | RuntimeException e) {
            if (keeper != null) {
                keeper.close();
            }
            throw e;
        }
        // The gate first: its pins are safe before anything else starts. Its events wait for the scan log.
        Passages passages = new Passages(Checkpoint.PASSAGES, config.gate().direction());
        GateEventSink gateEvents = new GateEventSink();
        Gate gate = new Gate(seams.gpio(), config.board(), seams.scheduler(), config.gate(), gateEvents);
        Alarms alarms = new Alarms();
        AtomicReference<Terminal> built = new AtomicReference<>();
        // List work runs on a thread of its own, never the scheduler's (gate timers) or the MQTT client's.
        ListSync listSync = keeper == null ? null : ListSync.start(() -> {
            Terminal terminal = built.get();
            if (terminal != null) {
                terminal.refreshLists();
            }
        });
        MqttLink.MessageHandler listMessages = listSync == null ? null
                : (topic, payload, retained) -> listSync.message(payload.length, () -> {
                    Terminal terminal = built.get();
                    if (terminal != null) {
                        terminal.listMessage(topic, payload);
                    }
                });
        UplinkPump uplink;
        ScanLog scanLog;
        AtomicReference<Runnable> resendLists = new AtomicReference<>(() -> { });
        try {
            uplink = uplink(config, seams, alarmCodes(alarms, gate, seams.wallClock()),
                    () -> built.get() == null ? Map.of() : built.get().status(), listMessages, resendLists);
            scanLog = scanLog(config, seams.wallClock(), alarms, uplink == null ? group -> { } : group -> uplink.wake());
        } catch (RuntimeException e) {
            gate.close();
            if (listSync != null) {
                listSync.close();
            }
            if (keeper != null) {
                keeper.close();
            }
            throw e;
        }
        Terminal terminal = new Terminal(seams, gate, scanLog, uplink, config, passages, keeper, listSync);
        // The scan log and anti-passback first; then whoever watches (the demo), whose failure changes neither.
        gateEvents.attach(gateEvents(scanLog, passages).andThen(event -> terminal.gateWatchers.forEach(w -> w.accept(event))));
        terminal.resendLists = resendLists.get();
        terminal.current.set(terminal.assembly(config, lists));
        built.set(terminal);
        if (keeper != null) {
            terminal.seenListTimes(lists);
            terminal.scheduleListRefresh();
        }
        return terminal;
    }

    /**
     * The gate's events until the scan log exists, then the scan log's: the gate is built first (its
     * outputs safe before anything else), and an event it sees at start (a fire alarm already active)
     * waits here rather than being lost. Called under the gate's lock; never blocks on it.
     */
    private static final class GateEventSink implements java.util.function.Consumer<io.limen.agent.gate.GateEvent> {
        private final java.util.List<io.limen.agent.gate.GateEvent> early = new java.util.ArrayList<>();
        private java.util.function.Consumer<io.limen.agent.gate.GateEvent> target;

        @Override
        public synchronized void accept(io.limen.agent.gate.GateEvent event) {
            if (target == null) {
                early.add(event);
            } else {
                target.accept(event);
            }
        }

        synchronized void attach(java.util.function.Consumer<io.limen.agent.gate.GateEvent> to) {
            early.forEach(to);
            early.clear();
            target = to;
        }
    }

    /**
     * Also hands every gate event to {@code watcher}, after the scan log and anti-passback have it (the
     * demo prints them beside the decisions). Called under the gate's lock, on the thread that saw the
     * event (an input edge, a timer): it must not block.
     */
    public void watchGateEvents(Consumer<io.limen.agent.gate.GateEvent> watcher) {
        gateWatchers.add(Objects.requireNonNull(watcher, "watcher must not be null"));
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
     * The uplink pump the config names, started (it connects in the background and never delays the
     * start); null when it names none. It sends the scan log, so a config with an uplink and no scan log
     * is refused by the loader; here such a config gets no uplink, said once. With {@code listMessages}
     * (a terminal that keeps its lists), the link subscribes to the site's list topics
     * ({@link ListTopics}, docs/lists.md "Over MQTT") before it first connects.
     */
    private static UplinkPump uplink(AgentConfig config, HardwareSeams seams, Supplier<SortedSet<String>> alarms,
                                     Supplier<Map<String, Object>> status, MqttLink.MessageHandler listMessages,
                                     AtomicReference<Runnable> resendLists) {
        if (config.uplink().isEmpty()) {
            return null;
        }
        if (config.scanLog().database().isEmpty()) {
            log.error("uplink: configured but scanlog.database is not: there is nothing to send; running without the uplink");
            return null;
        }
        UplinkConfig uplink = config.uplink().get();
        MqttLink link;
        try {
            link = new PahoMqttLink(uplink);
        } catch (LinkException e) {
            log.error("uplink: {}; running without the uplink (decisions are still logged)", e.getMessage());
            return null;
        }
        if (listMessages != null) {
            try {
                String filter = new ListTopics(config.lists().topicPrefix(config.terminal())).filter();
                link.subscribe(filter, listMessages);
                resendLists.set(() -> {
                    try {
                        link.resend(filter);
                    } catch (LinkException | RuntimeException e) {
                        log.warn("lists: cannot ask the broker for the retained lists again ({}); they come with the next new session",
                                e.getMessage());
                    }
                });
            } catch (LinkException | IllegalArgumentException e) {
                log.error("lists: cannot subscribe to the list topics ({}); lists come from imports and the drop folder only",
                        e.getMessage());
            }
        }
        return UplinkPump.start(uplink, config.terminal(), SqliteConnections.file(config.scanLog().database().get(),
                config.scanLog().busyTimeout()), link, seams.wallClock(), seams.scheduler()::nanoTime, alarms, status);
    }

    /** Alarm code of an active fire-alarm input: the gate is open for evacuation. */
    public static final String FIRE_ALARM = "fire_alarm";
    /** Alarm code of a wall clock not synchronised: validity is judged on a clock not trusted. */
    public static final String CLOCK_UNSYNCED = "clock_unsynced";

    /**
     * The codes of the alarms active now, for the uplink: the scan log's, {@link #FIRE_ALARM} while the
     * fire-alarm input holds, {@link #CLOCK_UNSYNCED} while the wall clock is not synchronised. Read on the
     * uplink thread every 250 ms; the gate's lock is held for one field read.
     */
    private static Supplier<SortedSet<String>> alarmCodes(Alarms alarms, Gate gate, WallClock clock) {
        Supplier<SortedSet<String>> scanLog = UplinkPump.codes(alarms);
        return () -> {
            SortedSet<String> codes = scanLog.get();
            if (gate.fireAlarmActive()) {
                codes.add(FIRE_ALARM);
            }
            if (!clock.read().trusted()) {
                codes.add(CLOCK_UNSYNCED);
            }
            return codes;
        };
    }

    /**
     * The scan log the config names, its writer thread started; {@link ScanLog#NONE} when it names none.
     * Its own writable connection, not the seams' (read-only for the lists on a simulated terminal).
     */
    private static ScanLog scanLog(AgentConfig config, WallClock clock, Alarms alarms, Consumer<Outbox.Sequences> onDurable) {
        return config.scanLog().database()
                .<ScanLog>map(file -> ScanLogWriter.start(config.scanLog(), SqliteConnections.file(file,
                        config.scanLog().busyTimeout()), config.terminal().zone(), clock, alarms, onDurable))
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
        Assembly built = assembly(next, keeper != null ? keeper.load(seams.wallClock().read().instant()) : loadLists(next, seams));
        AgentConfig old = current.getAndSet(built).config();
        if (!old.board().equals(next.board()) || !old.camera().equals(next.camera()) || !old.scanLog().equals(next.scanLog())
                || !gateHardware(old.gate()).equals(gateHardware(next.gate())) || !old.uplink().equals(next.uplink())) {
            log.warn("config: board, camera, scanLog, uplink or the gate's wiring and timing (all of gate but pulseMs, denyMs"
                    + " and antiPassbackMs) changed; they take effect at the next start");
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
                config.policy().presentationWindow(), AccessPolicy.of(config.terminal().zone(), config.policy(), config.gate(),
                config.lists()), lists::get, seams.wallClock(), seams.scheduler()::nanoTime, passages, presentations);
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
                AccessPolicy.of(config.terminal().zone(), config.policy(), config.gate(), config.lists()), lists, clock, monotonic,
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

    /** How often a terminal that keeps its lists looks for updates an import wrote. */
    static final java.time.Duration LIST_REFRESH = java.time.Duration.ofSeconds(5);

    private synchronized void scheduleListRefresh() {
        listRefresh = seams.scheduler().schedule(this::listRefreshDue, LIST_REFRESH);
    }

    /** On the scheduler thread: hands the look to the list-sync thread (never blocks) and sets the next one. */
    private void listRefreshDue() {
        synchronized (this) {
            if (listRefresh == null) {
                return;
            }
            scheduleListRefresh();
        }
        listSync.refresh();
    }

    /**
     * On the list-sync thread: one message of the site's list topics (applied, staged or refused by the
     * keeper, which remembers a refusal for status); what it changed is swapped in at once.
     */
    private void listMessage(String topic, byte[] payload) {
        try {
            java.util.List<io.limen.agent.lists.ListOutcome> outcomes = keeper.accept(topic, payload, seams.wallClock().read().instant());
            if (outcomes.stream().anyMatch(o -> o instanceof io.limen.agent.lists.ListOutcome.Applied)) {
                refreshLists();
            }
        } catch (IOException | RuntimeException e) {
            log.error("lists: the message on {} could not be applied ({}); the lists held stay", topic, e.getMessage());
        }
    }

    /**
     * Waits until the list-sync thread has done what it was handed before this call (a barrier for tests
     * and tools that step time); at most {@code timeout}. True at once for a terminal without one.
     */
    public boolean awaitListSync(java.time.Duration timeout) throws InterruptedException {
        return listSync == null || listSync.awaitIdle(timeout.toMillis());
    }

    /**
     * On the list-sync thread: swaps in lists an import or a message changed, raises the time floor to
     * their signed issue times, and says once when the lists turn stale or fresh again. A store that
     * cannot be read now is said and tried again at the next look; the lists held stay.
     */
    private void refreshLists() {
        try {
            java.time.Instant now = seams.wallClock().read().instant();
            if (keeper.expireSnapshot(now).isPresent()) {
                resendLists.run(); // the dropped snapshot's chunks, retained, come again from chunk 0
            }
            keeper.refresh(lists(), now).ifPresent(next -> {
                replaceLists(next);
                seenListTimes(next);
            });
            ListSnapshot held = lists();
            boolean stale = held.age(now).compareTo(config().lists().maxAge()) > 0;
            if (stale != listsStale) {
                listsStale = stale;
                if (stale) {
                    log.warn("lists: stale: revocations as of {}, trust as of {}, older than lists.maxAgeMs ({} min); this entrance {}",
                            held.revocationsAsOf(), held.trustAsOf(), config().lists().maxAge().toMinutes(),
                            config().lists().whenStale().configName());
                } else {
                    log.info("lists: fresh again: revocations as of {}, trust as of {}", held.revocationsAsOf(), held.trustAsOf());
                }
            }
        } catch (IOException | RuntimeException e) {
            log.error("lists: cannot look for list updates ({}); the lists held stay, next look in {} s", e.getMessage(),
                    LIST_REFRESH.toSeconds());
        }
    }

    /** A signed list's issue time is a trustworthy time: the clock's floor rises to it. */
    private void seenListTimes(ListSnapshot lists) {
        seams.wallClock().trustworthyTimeSeen(lists.revocationsAsOf());
        if (lists.trustAsOf().isBefore(seams.wallClock().read().instant())) {
            seams.wallClock().trustworthyTimeSeen(lists.trustAsOf());
        }
    }

    /** Whether the lists were older than {@code lists.maxAgeMs} at the last look (a terminal that keeps its lists). */
    public boolean listsStale() {
        return listsStale;
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

    /** The uplink pump, when the config names an uplink (and a scan log for it to send). */
    public Optional<UplinkPump> uplink() {
        return Optional.ofNullable(uplink);
    }

    /** Sets what the heartbeat says of the camera (called by whoever reads it); called on the uplink thread. */
    public void cameraStatus(Supplier<Map<String, Object>> value) {
        cameraStatus = Objects.requireNonNull(value, "value must not be null");
    }

    /** The terminal's part of a heartbeat: the lists' ages and the camera. */
    Map<String, Object> status() {
        ListSnapshot now = lists();
        Map<String, Object> lists = new LinkedHashMap<>();
        lists.put("trustAsOf", now.trustAsOf().toString());
        lists.put("revocationsAsOf", now.revocationsAsOf().toString());
        lists.put("revocationsVersion", now.revocations().version());
        lists.put("stale", listsStale);
        if (keeper != null) {
            keeper.lastRefusal().ifPresent(r -> {
                Map<String, Object> refused = new LinkedHashMap<>();
                refused.put("code", r.code());
                refused.put("detail", r.detail());
                refused.put("source", r.source());
                refused.put("at", r.at().toString());
                lists.put("lastRefused", refused);
            });
            keeper.assembling().ifPresent(a -> lists.put("assembling", a));
        }
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("lists", lists);
        status.put("camera", cameraStatus.get());
        return status;
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
     * handed, then stops the uplink (it says {@code offline}; unsent rows wait in the outbox for the next
     * start); the caller shuts the GPIO context down.
     */
    @Override
    public void close() throws IOException {
        synchronized (this) {
            if (listRefresh != null) {
                listRefresh.cancel();
                listRefresh = null;
            }
        }
        try {
            if (listSync != null) {
                listSync.close();
            }
            if (keeper != null) {
                keeper.close();
            }
            gate.close();
        } finally {
            try {
                seams.camera().close();
            } finally {
                try {
                    scanLog.close();
                } finally {
                    if (uplink != null) {
                        uplink.close();
                    }
                }
            }
        }
    }
}
