package io.limen.agent.uplink;

import io.limen.agent.revocation.SqliteConnections;
import io.limen.agent.scanlog.Alarms;
import io.limen.agent.scanlog.Outbox;
import io.limen.agent.scanlog.ScanEntry;
import io.limen.agent.time.SystemWallClock;
import io.limen.agent.time.WallClock;
import io.limen.config.BatchConfig;
import io.limen.config.TerminalConfig;
import io.limen.config.UplinkConfig;
import io.limen.format.Reason;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * A real outbox file and a real {@link UplinkPump} on it, as a terminal runs them: the test appends rows
 * on a connection of its own (standing in for the scan-log writer, waking the pump as the writer does).
 */
final class PumpRig implements AutoCloseable {

    static final TerminalConfig TERMINAL = new TerminalConfig("site-1", "door-3", Optional.of("lobby"));

    final Path database;
    final Alarms alarms = new Alarms();
    final Outbox appender;
    final UplinkPump pump;
    private final WallClock wall;
    private int appended;

    /** Jitter that always draws the backoff's ceiling, so a test knows the least time a backoff takes. */
    static final RandomGenerator CEILING = new RandomGenerator() {
        @Override
        public long nextLong() {
            return Long.MAX_VALUE;
        }

        @Override
        public long nextLong(long bound) {
            return bound - 1;
        }
    };

    /** Test link settings: short timeouts, backoff 100 ms..1 s, batches of {@code maxRecords} or 1 s, no drain cap to speak of (100/s). */
    static UplinkConfig config(String uri, int maxRecords, int maxInFlight) {
        return config(uri, new BatchConfig(maxRecords, Duration.ofSeconds(1), 2048), maxInFlight, UplinkConfig.MAX_BATCHES_PER_MINUTE.max());
    }

    /** Test link settings with the batches and the drain cap given. */
    static UplinkConfig config(String uri, BatchConfig batch, int maxInFlight, long maxBatchesPerMinute) {
        return new UplinkConfig(uri, "door-3", "limen/site-1/door-3", Duration.ofMillis(1500), Duration.ofMillis(1500),
                UplinkConfigs.BACKOFF_INITIAL, UplinkConfigs.BACKOFF_MAX, UplinkConfigs.RESET, Optional.empty(),
                Duration.ofSeconds(60), maxInFlight, Duration.ofHours(1), batch, (int) maxBatchesPerMinute);
    }

    PumpRig(Path dir, UplinkConfig config) throws Exception {
        this(dir, config, null);
    }

    /** @param link the link to use, or null for a {@link PahoMqttLink} on {@code config} */
    PumpRig(Path dir, UplinkConfig config, MqttLink link) throws Exception {
        this(dir, config, link, SystemWallClock.trustingSystemClock(), System::nanoTime);
    }

    /** A pump on the clocks given: a test steps them instead of sleeping. */
    PumpRig(Path dir, UplinkConfig config, MqttLink link, WallClock wall, LongSupplier monotonic) throws Exception {
        this.database = dir.resolve("scanlog.db");
        this.wall = wall;
        this.appender = Outbox.open(SqliteConnections.file(database, Duration.ofSeconds(5)));
        this.pump = UplinkPump.start(config, TERMINAL, SqliteConnections.file(database, Duration.ofSeconds(5)),
                link != null ? link : new PahoMqttLink(config), wall, monotonic, UplinkPump.codes(alarms),
                () -> Map.of("camera", Map.of("state", "test")), CEILING);
    }

    /** Appends {@code n} decisions in one group, decided now by the rig's wall clock, and wakes the pump; returns the last sequence number. */
    long append(int n) throws SQLException {
        Instant now = wall.read().instant();
        List<ScanEntry> entries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            entries.add(entry(++appended, now));
        }
        long last = appender.append(entries).last();
        pump.wake();
        return last;
    }

    static ScanEntry entry(int i) {
        return entry(i, Instant.now());
    }

    static ScanEntry entry(int i, Instant decidedAt) {
        return new ScanEntry(decidedAt, i % 5 == 0 ? Reason.EXPIRED : Reason.OK, Optional.of(String.format("%032x", i)),
                Optional.of("https://issuer.example"), Optional.of("holder-" + i), Optional.of("lobby"),
                new ScanEntry.StageMicros(1200, 80, 3, 1400));
    }

    long unsent() throws SQLException {
        return appender.backlog().unsentRows();
    }

    @Override
    public void close() {
        pump.close();
        appender.close();
    }
}
