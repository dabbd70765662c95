package io.limen.agent.uplink;

import io.limen.agent.revocation.SqliteConnections;
import io.limen.agent.scanlog.Alarms;
import io.limen.agent.scanlog.Outbox;
import io.limen.agent.scanlog.OutboxException;
import io.limen.agent.scanlog.ScanRecord;
import io.limen.agent.time.ExecutorScheduler;
import io.limen.agent.time.RestartSchedule;
import io.limen.agent.time.WallClock;
import io.limen.agent.uplink.batch.BatchBuilder;
import io.limen.agent.uplink.batch.BatchDocument;
import io.limen.agent.uplink.batch.BatchEncoder;
import io.limen.agent.uplink.batch.EncodedBatch;
import io.limen.agent.uplink.throttle.ThrottleReader;
import io.limen.agent.uplink.throttle.ThrottleState;
import io.limen.config.TerminalConfig;
import io.limen.config.UplinkConfig;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The uplink pump: one thread ({@code uplink}) that reads the outbox's unsent rows in sequence order on
 * a connection of its own, closes batches by count or age ({@link BatchBuilder}), publishes them at QoS 1
 * with the batch's user properties, and marks the rows sent only after a PUBACK with a success reason
 * code. It also announces the terminal {@code online} (retained) on every connect, sends a heartbeat
 * every {@code uplink.heartbeat}, publishes the alarms whenever they change, and {@code offline} on a
 * clean stop (the broker publishes the same as the last will when the terminal dies).
 *
 * <pre>
 *            ┌────────── not up: wait for the ReconnectLoop (it backs off) ──────────┐
 *            ▼                                                                       │
 *   idle ──rows durable / age due──▶ top up: up to maxInFlight batches sent ──▶ await the oldest PUBACK
 *    ▲                                                                               │
 *    ├── success code (0x00, 0x10): rows marked sent ◀───────────────────────────────┤
 *    ├── failure code (0x80.., 0x97) or no PUBACK in time: rows kept, everything in flight
 *    │   dropped and read again from the outbox after a full-jitter backoff ◀────────┤
 *    └── connection gone: rows kept, read again once the loop has reconnected ◀──────┘
 * </pre>
 *
 * <p>Nothing here touches the admit thread: the scan-log writer only {@linkplain #wake wakes} the pump
 * after a group is durable (a semaphore release). A batch sent again after a failure gets a new batch id;
 * consumers de-duplicate by (terminal, sequence), docs/telemetry.md.
 */
public final class UplinkPump implements AutoCloseable {

    /** Topics under the prefix. */
    public static final String SCANS_TOPIC = "scans";
    public static final String HEARTBEAT_TOPIC = "heartbeat";
    public static final String ALARMS_TOPIC = "alarms";
    public static final String ONLINE = "online";

    private static final Logger log = LoggerFactory.getLogger(UplinkPump.class);
    /** The longest the pump sleeps without a reason to wake: alarms are looked at this often. */
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    /** How long an outbox that cannot be opened waits before the next try (the writer alarms it already). */
    private static final long REOPEN_NANOS = TimeUnit.SECONDS.toNanos(5);

    /** Open failures at start that are not reported: the writer may be creating the file at the same moment. */
    private static final int QUIET_OPEN_FAILURES = 3;

    private final UplinkConfig config;
    private final MqttLink link;
    private final ReconnectLoop loop;
    private final ExecutorScheduler loopScheduler;
    private final SqliteConnections outboxFile;
    private final LongSupplier monotonic;
    /** The codes of the alarms active now, sorted: the scan log's and the terminal's. */
    private final Supplier<SortedSet<String>> alarms;
    private final Heartbeats heartbeats;
    private final BatchEncoder encoder;
    private final Supplier<BatchBuilder> builders;
    private final Supplier<RestartSchedule> backoffs;
    private final Instant startWall;
    /** Read as rows join a batch: how long each has waited since its decision (its decidedAt is on this clock). */
    private final WallClock wall;
    private final long startNanos;
    private final Semaphore wake = new Semaphore(0);
    private final Thread thread;
    private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
    private final Counters counters = new Counters();

    private volatile boolean closing;
    private volatile boolean announce;
    private BatchBuilder builder;
    private RestartSchedule publishBackoff;
    private long cursor;
    /** {@link #cursor}, for other threads. */
    private volatile long lastRead;
    private long pausedUntil;
    /** When the last batch was sent (monotonic), for the throttle; null before the first. */
    private Long lastBatchNanos;
    /** The throttle the pace last saw, to notice a new one. */
    private io.limen.agent.uplink.throttle.Throttle throttleSeen;
    /** A new throttle's spread: no batch before this (monotonic); null when none is pending. */
    private Long spreadUntil;
    private final RandomGenerator random;
    private final ThrottleState throttle;
    private long nextHeartbeat;
    private Set<String> alarmsPublished = Set.of();
    private String lastFailure;
    private int openFailures;

    private record InFlight(BatchDocument batch, MqttLink.Delivery delivery) {
    }

    /**
     * What the pump has done since it started, for status, tests and benchmarks.
     *
     * @param messages     every message published: batches, status, heartbeats, alarms (also those not acknowledged)
     * @param batches      batches acknowledged with a success code
     * @param scans        scans in those batches, rows marked sent
     * @param notAccepted  batches not acknowledged (a failure code, no PUBACK, or the connection gone), kept and sent again
     */
    public record Counts(long messages, long batches, long scans, long notAccepted) {
    }

    private static final class Counters {
        final AtomicLong messages = new AtomicLong();
        final AtomicLong batches = new AtomicLong();
        final AtomicLong scans = new AtomicLong();
        final AtomicLong notAccepted = new AtomicLong();
    }

    private UplinkPump(UplinkConfig config, TerminalConfig terminal, SqliteConnections outboxFile, MqttLink link, WallClock wall,
                       LongSupplier monotonic, Supplier<SortedSet<String>> alarms, Supplier<Map<String, Object>> status,
                       RandomGenerator random) {
        this.config = config;
        this.random = random;
        this.link = link;
        this.outboxFile = outboxFile;
        this.monotonic = monotonic;
        this.alarms = alarms;
        this.encoder = new BatchEncoder(config.batch());
        this.builders = () -> new BatchBuilder(config.batch(), terminal.id(), terminal.site(), UUID::randomUUID);
        this.backoffs = () -> new RestartSchedule(config.backoffInitial(), config.backoffMax(), Duration.ZERO, random);
        this.builder = builders.get();
        this.publishBackoff = backoffs.get();
        this.wall = wall;
        this.startWall = wall.read().instant();
        this.startNanos = monotonic.getAsLong();
        // Monotonic readings may be negative (System.nanoTime has an arbitrary origin): start the timers at now, not 0.
        this.pausedUntil = startNanos;
        this.nextHeartbeat = startNanos;
        this.heartbeats = new Heartbeats(terminal, status, this::now, () -> monotonic.getAsLong() - startNanos);
        this.loopScheduler = new ExecutorScheduler("uplink-connect");
        this.loop = new ReconnectLoop(link, loopScheduler, RestartSchedule.evenAtCap(config.backoffInitial(), config.backoffMax(),
                config.backoffReset(), random), config.backoffReset(), new LinkStateListener() {
                    @Override
                    public void connected() {
                        announce = true;
                        wake();
                    }

                    @Override
                    public void lost(String reason) {
                        wake();
                    }
                });
        this.thread = new Thread(this::run, "uplink");
        thread.setDaemon(true);
        this.throttle = new ThrottleState(new ThrottleReader(ThrottleState.topicFor(config.topicPrefix())));
        try {
            link.subscribe(throttle.topic(), (topic, payload, retained) -> {
                throttle.arrived(topic, payload, now());
                wake();
            });
        } catch (LinkException e) {
            // Not connected yet, so not thrown in practice; without the subscription the terminal simply runs unthrottled.
            log.warn("uplink: cannot subscribe to the throttle topic {}: {}", throttle.topic(), e.getMessage());
        }
    }

    /** The centre's throttle in force and what became of its last message (docs/telemetry.md, "Throttle"). */
    public ThrottleState.Status throttle() {
        return throttle.status();
    }

    /** The fastest the pump sends batches now: {@code uplink.maxBatchesPerMinute} or the throttle's rate, whichever is lower. */
    public BatchPace pace() {
        return BatchPace.of(config.maxBatchesPerMinute(), throttle.status().throttle());
    }

    /**
     * Starts connecting and the pump thread. Returns at once: an unreachable broker is retried with
     * backoff and never delays the terminal.
     *
     * @param outboxFile the scan log's file; the pump opens its own connection to it
     * @param wall       read once, at the start: batch times are that reading plus the monotonic time since
     * @param monotonic  nanoseconds, {@code System::nanoTime} in production; batch ages and heartbeats count on it
     * @param alarms     the codes of the alarms active now (the scan log's, the fire alarm, the clock), looked at
     *                   every 250 ms on the pump thread; must not block
     * @param status     the terminal's part of each heartbeat (lists, camera), called on the pump thread
     */
    public static UplinkPump start(UplinkConfig config, TerminalConfig terminal, SqliteConnections outboxFile, MqttLink link,
                                   WallClock wall, LongSupplier monotonic, Supplier<SortedSet<String>> alarms,
                                   Supplier<Map<String, Object>> status) {
        return start(config, terminal, outboxFile, link, wall, monotonic, alarms, status, RandomGenerator.getDefault());
    }

    /** {@link #start} with the scan log's alarms only. */
    public static UplinkPump start(UplinkConfig config, TerminalConfig terminal, SqliteConnections outboxFile, MqttLink link,
                                   WallClock wall, LongSupplier monotonic, Alarms alarms, Supplier<Map<String, Object>> status) {
        return start(config, terminal, outboxFile, link, wall, monotonic, codes(alarms), status, RandomGenerator.getDefault());
    }

    /** The codes of {@code alarms} active now, as {@link #start} takes them. */
    public static Supplier<SortedSet<String>> codes(Alarms alarms) {
        Objects.requireNonNull(alarms, "alarms must not be null");
        return () -> alarms.active().stream().map(io.limen.agent.scanlog.ScanLogAlarm::code).collect(java.util.stream.Collectors.toCollection(TreeSet::new));
    }

    /** {@link #start}, with the backoffs' jitter drawn from {@code random} (tests take the ceiling every time). */
    static UplinkPump start(UplinkConfig config, TerminalConfig terminal, SqliteConnections outboxFile, MqttLink link,
                            WallClock wall, LongSupplier monotonic, Supplier<SortedSet<String>> alarms,
                            Supplier<Map<String, Object>> status, RandomGenerator random) {
        UplinkPump pump = new UplinkPump(Objects.requireNonNull(config, "config must not be null"),
                Objects.requireNonNull(terminal, "terminal must not be null"),
                Objects.requireNonNull(outboxFile, "outboxFile must not be null"), Objects.requireNonNull(link, "link must not be null"),
                Objects.requireNonNull(wall, "wall must not be null"), Objects.requireNonNull(monotonic, "monotonic must not be null"),
                Objects.requireNonNull(alarms, "alarms must not be null"), Objects.requireNonNull(status, "status must not be null"),
                Objects.requireNonNull(random, "random must not be null"));
        log.info("uplink: {} as {}, topics {}/{{{},{},{},{}}}, batches of up to {} scans or {} ms, {} in flight",
                config.brokerUri(), config.clientId(), config.topic("").replaceAll("/$", ""), SCANS_TOPIC, PahoMqttLink.STATUS_TOPIC,
                HEARTBEAT_TOPIC, ALARMS_TOPIC, config.batch().maxRecords(), config.batch().maxAge().toMillis(), config.maxInFlight());
        pump.thread.start();
        pump.loop.start();
        return pump;
    }

    /** Tells the pump that new rows are durable (the scan-log writer's hand-off); never blocks. */
    public void wake() {
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

    /** Whether the link is up now. */
    public boolean isConnected() {
        return loop.isUp();
    }

    /**
     * The highest sequence number read into a batch since the last time the pump started again from the
     * lowest unsent row (0 then): a benchmark that steps the clock waits for it.
     */
    public long lastRead() {
        return lastRead;
    }

    public Counts counts() {
        return new Counts(counters.messages.get(), counters.batches.get(), counters.scans.get(), counters.notAccepted.get());
    }

    /** The uplink's clock: the wall clock as read at the start, advanced by the monotonic clock (never steps back). */
    private Instant now() {
        return startWall.plusNanos(monotonic.getAsLong() - startNanos);
    }

    private void run() {
        Outbox outbox = null;
        while (!closing) {
            if (outbox == null) {
                outbox = openOutbox();
                if (outbox == null) {
                    // The first tries come quickly: at start the writer thread may be creating the file this very moment.
                    pause(openFailures < QUIET_OPEN_FAILURES ? REOPEN_NANOS / 20 : REOPEN_NANOS);
                    continue;
                }
            }
            try {
                step(outbox);
            } catch (SQLException e) {
                // The outbox failed under us (locked past the busy timeout, damaged, disk gone): reopen it later.
                report("cannot read or mark the scan log " + outbox.file() + ": " + e.getMessage() + "; rows stay unsent, retrying");
                forgetInFlight();
                outbox.close();
                outbox = null;
                pause(REOPEN_NANOS);
            } catch (RuntimeException e) {
                log.error("uplink pump failed; rows stay unsent and are read again", e);
                forgetInFlight();
                pause(REOPEN_NANOS);
            }
        }
        goodbye();
        if (outbox != null) {
            outbox.close();
        }
    }

    private Outbox openOutbox() {
        try {
            Outbox opened = Outbox.open(outboxFile);
            openFailures = 0;
            return opened;
        } catch (OutboxException e) {
            if (++openFailures < QUIET_OPEN_FAILURES) {
                log.debug("uplink: cannot open the scan log yet: {}", e.getMessage());
            } else {
                report("cannot open the scan log to send it: " + e.getMessage());
            }
            return null;
        }
    }

    private void step(Outbox outbox) throws SQLException {
        if (!loop.isUp()) {
            forgetInFlight();
            pause(IDLE_NANOS);
            return;
        }
        if (announce && publish(PahoMqttLink.STATUS_TOPIC, ONLINE.getBytes(java.nio.charset.StandardCharsets.UTF_8), true)) {
            announce = false;
            nextHeartbeat = monotonic.getAsLong();
            alarmsPublished = Set.of(); // the broker may have lost the retained alarms with its sessions: say them again
        }
        publishAlarmsIfChanged();
        if (monotonic.getAsLong() - nextHeartbeat >= 0
                && publish(HEARTBEAT_TOPIC, heartbeats.heartbeat(outbox.backlog(), alarms.get(), counts(), pace(), throttle.status()), false)) {
            nextHeartbeat = monotonic.getAsLong() + config.heartbeat().toNanos();
        }
        long now = monotonic.getAsLong();
        if (now - pausedUntil < 0) {
            pause(Math.min(pausedUntil - now, IDLE_NANOS));
            return;
        }
        topUp(outbox);
        if (!inFlight.isEmpty()) {
            settle(outbox, inFlight.removeFirst());
            return;
        }
        long wait = Math.min(IDLE_NANOS, nextHeartbeat - monotonic.getAsLong());
        Optional<Instant> closesAt = closesAt();
        if (closesAt.isPresent()) {
            wait = Math.min(wait, Duration.between(now(), closesAt.get()).toNanos());
        }
        pause(wait);
    }

    /**
     * When the open batch closes by age: its oldest record's decision plus {@code maxAge}, or plus the
     * throttle's minimum batch age when that is longer (waking at {@code maxAge} then would only spin).
     */
    private Optional<Instant> closesAt() {
        Optional<Instant> byAge = builder.closesAt();
        Optional<Instant> oldest = builder.oldest();
        if (byAge.isEmpty() || oldest.isEmpty()) {
            return byAge;
        }
        Instant byThrottle = oldest.get().plus(throttle.minBatchAge());
        return Optional.of(byThrottle.isAfter(byAge.get()) ? byThrottle : byAge.get());
    }

    /** Sends batches until {@code maxInFlight} wait for their PUBACK or nothing is ready. */
    private void topUp(Outbox outbox) throws SQLException {
        while (inFlight.size() < config.maxInFlight()) {
            long interval = pace().interval().toNanos();
            long now = monotonic.getAsLong();
            spreadANewThrottle(interval);
            if (lastBatchNanos != null && now - (lastBatchNanos + interval) < 0) {
                pausedUntil = lastBatchNanos + interval; // the drain cap or the centre's throttle: no batch before then
                return;
            }
            if (spreadUntil != null && now - spreadUntil < 0) {
                pausedUntil = spreadUntil;
                return;
            }
            spreadUntil = null;
            BatchDocument batch = nextBatch(outbox);
            if (batch == null) {
                return;
            }
            EncodedBatch encoded = encoder.encode(batch);
            counters.messages.incrementAndGet();
            lastBatchNanos = now;
            inFlight.addLast(new InFlight(batch, link.send(config.topic(SCANS_TOPIC), encoded.payload(),
                    encoded.properties().asUserProperties(), false)));
        }
    }

    /**
     * When a new throttle arrives at a terminal that has sent before, its next batch waits, beyond the
     * interval after its last one, a uniformly random part of one more interval. A fleet's last batches
     * before a throttle lie within one {@code maxAge}, shorter than a throttle's interval: without the
     * spread they would all fall due again within that stretch, and the fleet would send at twice the
     * throttle's limit for part of every interval; with it the batches spread over the interval, and the
     * fleet's rate stays at its limit. Each terminal only ever waits longer than the throttle asks.
     */
    private void spreadANewThrottle(long interval) {
        io.limen.agent.uplink.throttle.Throttle now = throttle.status().throttle().orElse(null);
        if (now == throttleSeen) {
            return;
        }
        throttleSeen = now;
        spreadUntil = now == null || lastBatchNanos == null || config.maxBatchesPerMinute() <= now.maxBatchesPerMinute() ? null
                : lastBatchNanos + interval + random.nextLong(interval);
    }

    /** The next closed batch: one due by age, else rows read from the outbox until one fills; null when none is ready. */
    private BatchDocument nextBatch(Outbox outbox) throws SQLException {
        Instant now = now();
        Optional<BatchDocument> due = youngerThanTheThrottleAllows(now) ? Optional.empty() : builder.poll(now);
        if (due.isPresent()) {
            return due.get();
        }
        Instant wallNow = wall.read().instant();
        for (ScanRecord row : outbox.unsent(cursor, config.batch().maxRecords() - builder.size())) {
            cursor = row.sequence();
            lastRead = cursor;
            Optional<BatchDocument> full = builder.add(row, now, wallNow);
            if (full.isPresent()) {
                return full.get();
            }
        }
        return youngerThanTheThrottleAllows(now) ? null : builder.poll(now).orElse(null);
    }

    /** Whether the open batch is younger than the throttle's minimum batch age (it may still close when full). */
    private boolean youngerThanTheThrottleAllows(Instant now) {
        Duration min = throttle.minBatchAge();
        Optional<Instant> oldest = builder.oldest();
        if (min.isZero() || oldest.isEmpty()) {
            return false;
        }
        return Duration.between(oldest.get(), now).compareTo(min) < 0;
    }

    /** Waits for the oldest batch's PUBACK: marks its rows sent on a success code, else keeps them all. */
    private void settle(Outbox outbox, InFlight oldest) throws SQLException {
        PublishResult result = oldest.delivery().await();
        BatchDocument batch = oldest.batch();
        if (result.acknowledged()) {
            outbox.markSent(batch.firstSequence(), batch.lastSequence(), now());
            counters.batches.incrementAndGet();
            counters.scans.addAndGet(batch.records().size());
            if (publishBackoff.failuresInARow() > 0) {
                log.info("uplink: batches are acknowledged again (sequence {}..{})", batch.firstSequence(), batch.lastSequence());
                publishBackoff = backoffs.get();
            }
            lastFailure = null;
            return;
        }
        counters.notAccepted.incrementAndGet();
        forgetInFlight();
        if (result.status() == PublishResult.Status.FAILED) {
            // The connection is gone: the reconnect loop backs off; the rows are read again once it is up.
            log.debug("uplink: batch {}..{} not sent: {}", batch.firstSequence(), batch.lastSequence(), result.detail());
            return;
        }
        // The broker is there but refused (0x97 Quota exceeded, 0x80 ...) or did not answer in time: slow down.
        Duration wait = publishBackoff.failed();
        pausedUntil = monotonic.getAsLong() + wait.toNanos();
        report("batch " + batch.firstSequence() + ".." + batch.lastSequence() + " not accepted (" + result.detail()
                + "); its scans stay in the outbox and are sent again after a backoff");
        log.debug("uplink: next batch in {} ms ({} refusals in a row)", wait.toMillis(), publishBackoff.failuresInARow());
    }

    /** Drops what is in flight and the open batch: their rows are unsent in the outbox and read again from the lowest. */
    private void forgetInFlight() {
        inFlight.clear();
        if (builder.size() > 0 || cursor != 0) {
            builder = builders.get();
            cursor = 0;
            lastRead = 0;
        }
    }

    private void publishAlarmsIfChanged() {
        Set<String> active = alarms.get();
        if (!active.equals(alarmsPublished) && publish(ALARMS_TOPIC, heartbeats.alarms(active, alarmsPublished), true)) {
            alarmsPublished = active;
        }
    }

    /** Publishes one status message and waits for its PUBACK; true when acknowledged. */
    private boolean publish(String suffix, byte[] payload, boolean retained) {
        counters.messages.incrementAndGet();
        PublishResult result = link.send(config.topic(suffix), payload, Map.of(), retained).await();
        if (!result.acknowledged()) {
            log.debug("uplink: {} not acknowledged: {}", suffix, result.detail());
        }
        return result.acknowledged();
    }

    /** Logs a failure at WARN once; the same failure again only at DEBUG. */
    private void report(String failure) {
        if (failure.equals(lastFailure)) {
            log.debug("uplink: {}", failure);
        } else {
            log.warn("uplink: {}", failure);
            lastFailure = failure;
        }
    }

    private void pause(long nanos) {
        if (nanos <= 0) {
            return;
        }
        try {
            if (wake.tryAcquire(nanos, TimeUnit.NANOSECONDS)) {
                wake.drainPermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closing = true;
        }
    }

    /** On the pump thread as it ends: {@code offline} (retained) while the link is still up, then a clean DISCONNECT. */
    private void goodbye() {
        if (loop.isUp()) {
            publish(PahoMqttLink.STATUS_TOPIC, PahoMqttLink.OFFLINE.getBytes(java.nio.charset.StandardCharsets.UTF_8), true);
        }
        loop.close();
        loopScheduler.close();
    }

    /**
     * Stops the pump: what is in flight is awaited (up to the publish timeout), {@code offline} is
     * published, the link disconnects cleanly. Unsent rows stay in the outbox for the next start.
     */
    @Override
    public void close() {
        closing = true;
        wake();
        long waitMs = 2 * config.publishTimeout().toMillis() + config.connectTimeout().toMillis() + 1000;
        try {
            thread.join(waitMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn("uplink: the pump did not stop within {} ms; closing the link under it", waitMs);
            loop.close();
            loopScheduler.close();
        }
        Counts c = counts();
        log.info("uplink stopped: {} batches ({} scans) acknowledged, {} not accepted and kept, {} messages published",
                c.batches(), c.scans(), c.notAccepted(), c.messages());
    }
}
