package io.limen.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Batch settings are checked where they are built: each value out of range fails with its field, the rule and the value. */
class BatchConfigTest {

    private static String failure(Runnable build) {
        return assertThrows(IllegalArgumentException.class, build::run).getMessage();
    }

    @Test
    void theRangeEdges_areAccepted() {
        new BatchConfig(1, Duration.ofSeconds(1), 0);
        new BatchConfig(5_000, Duration.ofHours(1), 1_048_576);
        assertEquals(500, BatchConfig.DEFAULTS.maxRecords());
    }

    @Test
    void maxRecords_outOfRange_namesTheFieldAndValue() {
        assertEquals("uplink.batch.maxRecords must be within 1..5000, but was 0",
                failure(() -> new BatchConfig(0, Duration.ofMinutes(1), 2048)));
        assertEquals("uplink.batch.maxRecords must be within 1..5000, but was 5001",
                failure(() -> new BatchConfig(5_001, Duration.ofMinutes(1), 2048)));
    }

    @Test
    void maxAge_outOfRangeOrMissing_fails() {
        assertEquals("uplink.batch.maxAge must be within 1000..3600000 ms, but was 999 ms",
                failure(() -> new BatchConfig(10, Duration.ofMillis(999), 2048)));
        assertEquals("uplink.batch.maxAge must be within 1000..3600000 ms, but was 3600001 ms",
                failure(() -> new BatchConfig(10, Duration.ofMillis(3_600_001), 2048)));
        assertEquals("uplink.batch.maxAge must be set", assertThrows(NullPointerException.class,
                () -> new BatchConfig(10, null, 2048)).getMessage());
    }

    @Test
    void gzipAboveBytes_outOfRange_fails() {
        assertEquals("uplink.batch.gzipAboveBytes must be within 0..1048576, but was -1",
                failure(() -> new BatchConfig(10, Duration.ofMinutes(1), -1)));
        assertEquals("uplink.batch.gzipAboveBytes must be within 0..1048576, but was 1048577",
                failure(() -> new BatchConfig(10, Duration.ofMinutes(1), 1_048_577)));
    }
}
