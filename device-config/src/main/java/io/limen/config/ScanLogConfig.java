package io.limen.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The scan log: the SQLite outbox every decision is appended to before the uplink sends it
 * (YAML section {@code scanlog}).
 *
 * @param database       the outbox file, created if missing; empty for a terminal that keeps no scan log
 *                       (then nothing decided is recorded)
 * @param maxBytes       the disk-usage cap of the outbox's database pages, 64 KiB..64 GiB: an alarm at 80 %,
 *                       at the cap the oldest rows already sent are deleted; unsent rows are never deleted
 * @param retention      how long a sent row stays for local inspection ({@code limen agent log tail}), 0..366 days
 * @param queueCapacity  decisions the hand-off to the writer thread holds, 16..65536; a decision offered to a
 *                       full hand-off is counted and alarmed, never waited for
 * @param memoryRecords  decisions kept in memory while the outbox cannot be written (locked, damaged, disk
 *                       full), 0..1000000; past it the oldest of them are dropped, counted and alarmed
 * @param busyTimeout    how long a write waits for another connection's lock (the uplink's, a {@code log tail})
 *                       before the batch stays in memory and is retried, 0..60 s
 */
public record ScanLogConfig(Optional<Path> database, long maxBytes, Duration retention, int queueCapacity,
                            int memoryRecords, Duration busyTimeout) {

    /** {@link #maxBytes} in bytes: 64 KiB..64 GiB. */
    public static final Range MAX_BYTES = new Range(64 * 1024L, 64L * 1024 * 1024 * 1024);
    public static final long MIN_MAX_BYTES = MAX_BYTES.min();
    /** {@link #retention} in milliseconds: 0..366 days. */
    public static final Range RETENTION_MS = new Range(0, Duration.ofDays(366).toMillis());
    /** {@link #queueCapacity} in decisions: 16..65536. */
    public static final Range QUEUE_CAPACITY = new Range(16, 65_536);
    /** {@link #memoryRecords} in decisions: 0..1000000. */
    public static final Range MEMORY_RECORDS = new Range(0, 1_000_000);
    /** {@link #busyTimeout} in milliseconds: 0..60 s. */
    public static final Range BUSY_TIMEOUT_MS = new Range(0, 60_000);
    public static final long DEFAULT_MAX_BYTES = 256L * 1024 * 1024;
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);
    /** Over two minutes of decisions at a camera's 30 frames per second, each a new code. */
    public static final int DEFAULT_QUEUE_CAPACITY = 4096;
    public static final int DEFAULT_MEMORY_RECORDS = 10_000;
    public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(1);

    /** No scan log. */
    public static final ScanLogConfig NONE = new ScanLogConfig(Optional.empty(), DEFAULT_MAX_BYTES, DEFAULT_RETENTION,
            DEFAULT_QUEUE_CAPACITY, DEFAULT_MEMORY_RECORDS, DEFAULT_BUSY_TIMEOUT);

    public ScanLogConfig {
        Checks.present("scanlog.database", database);
        Checks.within("scanlog.maxBytes", maxBytes, MAX_BYTES);
        Checks.within("scanlog.retention", retention, RETENTION_MS);
        Checks.within("scanlog.queueCapacity", queueCapacity, QUEUE_CAPACITY);
        Checks.within("scanlog.memoryRecords", memoryRecords, MEMORY_RECORDS);
        Checks.within("scanlog.busyTimeout", busyTimeout, BUSY_TIMEOUT_MS);
    }

    /** A scan log at {@code database} with every other default. */
    public static ScanLogConfig at(Path database) {
        return NONE.withDatabase(database);
    }

    public ScanLogConfig withDatabase(Path value) {
        return new ScanLogConfig(Optional.of(value), maxBytes, retention, queueCapacity, memoryRecords, busyTimeout);
    }

    public ScanLogConfig withMaxBytes(long value) {
        return new ScanLogConfig(database, value, retention, queueCapacity, memoryRecords, busyTimeout);
    }

    public ScanLogConfig withRetention(Duration value) {
        return new ScanLogConfig(database, maxBytes, value, queueCapacity, memoryRecords, busyTimeout);
    }
}
