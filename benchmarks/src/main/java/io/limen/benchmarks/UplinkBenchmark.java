package io.limen.benchmarks;

import io.limen.agent.revocation.SqliteConnections;
import io.limen.agent.scanlog.Alarms;
import io.limen.agent.scanlog.Outbox;
import io.limen.agent.scanlog.ScanEntry;
import io.limen.agent.time.TimeReading;
import io.limen.agent.uplink.PahoMqttLink;
import io.limen.agent.uplink.UplinkPump;
import io.limen.config.BatchConfig;
import io.limen.config.TerminalConfig;
import io.limen.config.UplinkConfig;
import io.limen.format.Reason;
import io.limen.testing.Mosquitto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The uplink against a real mosquitto (Debian's, on a free loopback port): how many messages 1,000 scans
 * cost on the wire at one scan every 2 s (the pump's clock stepped by hand: 2,000 s of terminal time in
 * seconds of real time) and in a burst, and how long 100,000 scans queued during an outage take to drain.
 *
 * <p>A plain harness, not JMH: the quantities are counts of messages and the wall time of one drain, each
 * through the real pump thread, SQLite outbox, Paho client and broker. Run with
 * {@code java -cp benchmarks/target/benchmarks.jar io.limen.benchmarks.UplinkBenchmark [DRAIN_SCANS | --paced-only]}.
 */
public final class UplinkBenchmark {

    private static final TerminalConfig TERMINAL = new TerminalConfig("site-1", "door-3", Optional.of("lobby"));
    private static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");

    private UplinkBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        boolean pacedOnly = args.length > 0 && args[0].equals("--paced-only");
        int drainScans = args.length > 0 && !pacedOnly ? Integer.parseInt(args[0]) : 100_000;
        Path dir = Files.createTempDirectory("uplink-bench");
        try (Mosquitto broker = new Mosquitto(dir).start()) {
            System.out.println("defaults: " + BatchConfig.DEFAULTS + ", heartbeat " + UplinkConfig.DEFAULT_HEARTBEAT.toSeconds() + " s");
            paced(dir.resolve("paced.db"), broker.uri(), 1_000, Duration.ofSeconds(2), BatchConfig.DEFAULTS);
            // The fleet simulator's average pace (docs/surge.md: 0.25 scans/s a terminal), with the defaults.
            paced(dir.resolve("paced-4s.db"), broker.uri(), 1_000, Duration.ofSeconds(4), BatchConfig.DEFAULTS);
            paced(dir.resolve("burst.db"), broker.uri(), 1_000, Duration.ZERO, BatchConfig.DEFAULTS);
            // Baselines in the same run: a 60 s maxAge, and no batching at all (one message per scan).
            paced(dir.resolve("paced-60s.db"), broker.uri(), 1_000, Duration.ofSeconds(2), new BatchConfig(500, Duration.ofSeconds(60), 2048));
            paced(dir.resolve("unbatched.db"), broker.uri(), 1_000, Duration.ofSeconds(2), new BatchConfig(1, Duration.ofSeconds(60), 2048));
            for (int inFlight : pacedOnly ? new int[0] : new int[] {1, 4}) {
                drain(dir.resolve("drain-" + inFlight + ".db"), broker.uri(), drainScans, inFlight);
            }
        }
    }

    private static UplinkConfig config(String uri, int maxInFlight) {
        return config(uri, maxInFlight, BatchConfig.DEFAULTS);
    }

    private static UplinkConfig config(String uri, int maxInFlight, BatchConfig batch) {
        return new UplinkConfig(uri, "bench-" + System.nanoTime(), "limen/site-1/door-3", Duration.ofSeconds(10), Duration.ofSeconds(10),
                Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofMinutes(1), Optional.empty(), Duration.ofHours(1),
                maxInFlight, UplinkConfig.DEFAULT_HEARTBEAT, batch);
    }

    /** {@code scans} scans, one every {@code every} of stepped time; counts what the pump published. */
    private static void paced(Path db, String uri, int scans, Duration every, BatchConfig batch) throws Exception {
        AtomicLong nanos = new AtomicLong();
        try (Outbox outbox = Outbox.open(SqliteConnections.file(db, Duration.ofSeconds(5)))) {
            UplinkConfig base = config(uri, 1, batch);
            UplinkConfig config = new UplinkConfig(base.brokerUri(), base.clientId(), base.topicPrefix(), base.connectTimeout(),
                    base.publishTimeout(), base.backoffInitial(), base.backoffMax(), base.backoffReset(), base.caFile(), base.sessionExpiry(),
                    base.maxInFlight(), base.heartbeat(), base.batch(), (int) UplinkConfig.MAX_BATCHES_PER_MINUTE.max());
            UplinkPump pump = UplinkPump.start(config, TERMINAL, SqliteConnections.file(db, Duration.ofSeconds(5)),
                    new PahoMqttLink(config), () -> TimeReading.trusted(T0), nanos::get, new Alarms(), Map::of);
            try {
                awaitConnected(pump);
                long batchesBefore = pump.counts().batches();
                long messagesBefore = pump.counts().messages();
                for (int i = 1; i <= scans; i++) {
                    outbox.append(List.of(entry(i)));
                    nanos.addAndGet(every.toNanos());
                    pump.wake();
                    awaitRead(pump, i, nanos);
                }
                // The last batch closes by age: step past it.
                nanos.addAndGet(batch.maxAge().toNanos());
                pump.wake();
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (pump.counts().scans() < scans && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                long batches = pump.counts().batches() - batchesBefore;
                long messages = pump.counts().messages() - messagesBefore;
                System.out.printf(Locale.ROOT, "%s, batches of %d or %d s: %d scans (%d acknowledged) over %d s of terminal time -> %d batch messages,"
                        + " %d messages in all (with status and heartbeats) = %.1f batch messages per 1,000 scans%n",
                        every.isZero() ? "burst" : "one scan every " + every.toSeconds() + " s", batch.maxRecords(),
                        batch.maxAge().toSeconds(), scans, pump.counts().scans(),
                        Duration.ofNanos(nanos.get()).toSeconds(), batches, messages, batches * 1000.0 / scans);
            } finally {
                pump.close();
            }
        }
    }

    /** {@code scans} rows already in the outbox when the broker comes back: the time until the last is acknowledged. */
    private static void drain(Path db, String uri, int scans, int maxInFlight) throws Exception {
        try (Outbox outbox = Outbox.open(SqliteConnections.file(db, Duration.ofSeconds(5)))) {
            for (int from = 1; from <= scans; from += 1_000) {
                List<ScanEntry> group = new ArrayList<>();
                for (int i = from; i < from + 1_000 && i <= scans; i++) {
                    group.add(entry(i));
                }
                outbox.append(group);
            }
            long bytes = Files.size(db);
            long start = System.nanoTime();
            UplinkPump pump = UplinkPump.start(config(uri, maxInFlight), TERMINAL, SqliteConnections.file(db, Duration.ofSeconds(5)),
                    new PahoMqttLink(config(uri, maxInFlight)), io.limen.agent.time.SystemWallClock.trustingSystemClock(),
                    System::nanoTime, new Alarms(), Map::of);
            try {
                long connected = 0;
                while (pump.counts().scans() < scans) {
                    if (connected == 0 && pump.isConnected()) {
                        connected = System.nanoTime();
                    }
                    Thread.sleep(2);
                }
                long end = System.nanoTime();
                long unsent = outbox.backlog().unsentRows();
                System.out.printf(Locale.ROOT, "drain, %d in flight: %d scans (outbox %d MB) acknowledged in %.2f s from the pump's start"
                        + " (%.2f s after the connect), %d batches, %,.0f scans/s; unsent left: %d%n", maxInFlight, scans, bytes >> 20,
                        (end - start) / 1e9, (end - Math.max(connected, start)) / 1e9, pump.counts().batches(),
                        scans / ((end - start) / 1e9), unsent);
            } finally {
                pump.close();
            }
        }
    }

    private static void awaitConnected(UplinkPump pump) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!pump.isConnected()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the pump did not connect to the broker in 30 s");
            }
            Thread.sleep(5);
        }
    }

    /**
     * Waits until the pump has read row {@code sequence}. The pump reads no rows while its pace
     * ({@code uplink.maxBatchesPerMinute}, here 100 a second) holds the next batch back, and on a stepped clock
     * that time never passes by itself: after 20 ms without progress the clock is stepped by the pace's 10 ms.
     */
    private static void awaitRead(UplinkPump pump, long sequence, AtomicLong nanos) throws InterruptedException {
        long since = System.nanoTime();
        while (pump.lastRead() < sequence) {
            if (System.nanoTime() - since > 20_000_000L) {
                nanos.addAndGet(pump.pace().interval().toNanos());
                pump.wake();
                since = System.nanoTime();
            }
            Thread.onSpinWait();
            if (pump.lastRead() < sequence) {
                Thread.sleep(0, 200_000);
            }
        }
    }

    private static ScanEntry entry(int i) {
        return new ScanEntry(T0.plusSeconds(2L * i), i % 5 == 0 ? Reason.EXPIRED : Reason.OK, Optional.of(String.format("%032x", i * 7919L)),
                Optional.of("https://passes.limen.example"), Optional.of("staff-" + (i % 400)), Optional.of("lobby"),
                new ScanEntry.StageMicros(1_800 + i % 900, 310 + i % 50, 4, 2_400 + i % 1_000));
    }
}
