package io.limen.config;

import java.time.Duration;

/**
 * When the uplink closes a telemetry batch and how it is encoded. A batch closes when it holds
 * {@link #maxRecords} scans or when its oldest scan has waited {@link #maxAge}, whichever comes first.
 * YAML: {@code uplink.batch}.
 *
 * @param maxRecords     the most scans one batch carries, 1..5000; a burst goes out in batches this large
 * @param maxAge         how long the oldest scan of an open batch may wait for the batch to close, 1 s..1 h
 *                       (measured on the uplink's clock from when the scan joined the batch)
 * @param gzipAboveBytes a batch whose JSON is longer than this many bytes is sent gzip-compressed, 0..1 MiB
 *                       (0: always compressed)
 */
public record BatchConfig(int maxRecords, Duration maxAge, int gzipAboveBytes) {

    /** {@link #maxRecords}: 1..5000 (5000 scans stay well under a broker's usual 256 KiB message limit once gzipped). */
    public static final Range MAX_RECORDS = new Range(1, 5_000);
    /** {@link #maxAge} in milliseconds: 1 s..1 h. */
    public static final Range MAX_AGE_MS = new Range(1_000, 3_600_000);
    /** {@link #gzipAboveBytes}: 0..1 MiB. */
    public static final Range GZIP_ABOVE_BYTES = new Range(0, 1_048_576);

    /**
     * 500 scans or 5 minutes, gzip above 2 KiB: one scan every 2 s makes 7 messages per 1,000 scans, a burst 2
     * (docs/telemetry.md, "Messages per 1,000 scans").
     */
    public static final BatchConfig DEFAULTS = new BatchConfig(500, Duration.ofMinutes(5), 2_048);

    public BatchConfig {
        Checks.within("uplink.batch.maxRecords", maxRecords, MAX_RECORDS);
        Checks.within("uplink.batch.maxAge", maxAge, MAX_AGE_MS);
        Checks.within("uplink.batch.gzipAboveBytes", gzipAboveBytes, GZIP_ABOVE_BYTES);
    }
}
