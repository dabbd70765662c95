package io.limen.benchmarks.fleet;

import io.limen.agent.revocation.SqliteConnections;
import io.limen.agent.scanlog.Alarms;
import io.limen.agent.scanlog.Outbox;
import io.limen.agent.scanlog.OutboxException;
import io.limen.agent.scanlog.ScanEntry;
import io.limen.agent.scanlog.ScanRecord;
import io.limen.agent.time.SystemWallClock;
import io.limen.agent.uplink.LinkException;
import io.limen.agent.uplink.PahoMqttLink;
import io.limen.agent.uplink.UplinkPump;
import io.limen.config.TerminalConfig;
import io.limen.config.UplinkConfig;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Limen's design, as the agent runs it: a real SQLite outbox file (on tmpfs when there is one: the fleet
 * shares one disk here, a terminal has its own) and the real {@link UplinkPump} with its
 * {@link io.limen.agent.uplink.ReconnectLoop} (full-jitter backoff) on a real {@link PahoMqttLink}.
 * Decisions are appended in one group per call on a connection of their own, standing in for the
 * scan-log writer, which wakes the pump the same way.
 */
final class LimenTerminal implements SimTerminal {

    private static final Duration BUSY = Duration.ofSeconds(10);

    private final String prefix;
    private final Path database;
    private final Outbox appender;
    private final UplinkPump pump;
    private final FleetMeter meter;
    private long decided;
    private long acknowledged;

    LimenTerminal(String id, UplinkConfig config, Path dir, FleetMeter meter) throws OutboxException, LinkException {
        this.prefix = config.topicPrefix();
        this.meter = meter;
        this.database = dir.resolve(id + ".db");
        this.appender = Outbox.open(SqliteConnections.file(database, BUSY));
        this.pump = UplinkPump.start(config, new TerminalConfig("sim", id, Optional.of("lobby")), SqliteConnections.file(database, BUSY),
                new CountingLink(new PahoMqttLink(config), meter), SystemWallClock.trustingSystemClock(), System::nanoTime,
                new Alarms(), Map::of);
    }

    @Override
    public String prefix() {
        return prefix;
    }

    @Override
    public synchronized void decide(int n) {
        Instant now = Instant.now();
        List<ScanEntry> entries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            entries.add(SimTerminal.entry(decided + i + 1, now));
        }
        try {
            appender.append(entries);
        } catch (SQLException e) {
            throw new IllegalStateException(prefix + ": cannot append to " + database + ": " + e.getMessage(), e);
        }
        decided += n;
        meter.decided.addAndGet(n);
        pump.wake();
    }

    /** Folds the pump's acknowledged scans into the meter (once a second, from the sampler). */
    @Override
    public synchronized void tick() {
        long now = pump.counts().scans();
        meter.acknowledged.addAndGet(now - acknowledged);
        acknowledged = now;
    }

    @Override
    public synchronized long decided() {
        return decided;
    }

    @Override
    public BitSet unsent() {
        BitSet bits = new BitSet();
        try {
            long after = 0;
            List<ScanRecord> rows;
            while (!(rows = appender.unsent(after, 10_000)).isEmpty()) {
                for (ScanRecord r : rows) {
                    bits.set((int) r.sequence());
                    after = r.sequence();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(prefix + ": cannot read " + database + ": " + e.getMessage(), e);
        }
        return bits;
    }

    @Override
    public void close() {
        pump.close();
        tick();
    }

    /** Whether the pump holds a central throttle now (docs/telemetry.md, "Throttle"). */
    boolean throttled() {
        return pump.throttle().throttle().isPresent();
    }

    /** Closes the appender's connection (after {@link #unsent}). */
    void closeOutbox() {
        appender.close();
    }
}
