package io.limen.agent.uplink.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.config.BatchConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** Encoding: gzip only above the threshold, the user properties, the size of a full batch, and the consumer's round trip. */
class BatchCodecTest {

    /** docs/telemetry.md: a 1,000-scan batch is at most this long on the wire. */
    static final int MAX_1000_SCAN_PAYLOAD_BYTES = 64 * 1024;

    private static BatchDocument batch(int records, long firstSequence) {
        BatchBuilder builder = new BatchBuilder(new BatchConfig(records, Duration.ofMinutes(5), 0), "door-3", "site-1",
                Scans.ids(7));
        Random random = new Random(42);
        for (long s = firstSequence; ; s++) {
            var closed = builder.add(Scans.record(s, random), Scans.T0);
            if (closed.isPresent()) {
                return closed.get();
            }
        }
    }

    private static byte[] gunzip(byte[] payload) throws IOException {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(payload))) {
            return in.readAllBytes();
        }
    }

    @Test
    void atOrBelowTheThreshold_theJsonGoesAsItIs() {
        BatchDocument batch = batch(2, 1);
        int length = new BatchEncoder(new BatchConfig(2, Duration.ofMinutes(1), 1_048_576)).encode(batch).jsonBytes();
        EncodedBatch encoded = new BatchEncoder(new BatchConfig(2, Duration.ofMinutes(1), length)).encode(batch);
        assertEquals(BatchProperties.ContentEncoding.IDENTITY, encoded.properties().encoding());
        assertEquals(length, encoded.payload().length);
        assertTrue(new String(encoded.payload(), StandardCharsets.UTF_8).startsWith("{\"schemaVersion\":1,"));
        assertEquals(new BatchReader.Accepted(batch), new BatchReader(1 << 20).read(encoded.payload(),
                encoded.properties().asUserProperties()));
    }

    @Test
    void oneByteAboveTheThreshold_isGzipped_andInflatesToTheSameJson() throws IOException {
        BatchDocument batch = batch(2, 1);
        EncodedBatch plain = new BatchEncoder(new BatchConfig(2, Duration.ofMinutes(1), 1_048_576)).encode(batch);
        EncodedBatch gzipped = new BatchEncoder(new BatchConfig(2, Duration.ofMinutes(1), plain.jsonBytes() - 1)).encode(batch);
        assertEquals(BatchProperties.ContentEncoding.GZIP, gzipped.properties().encoding());
        assertArrayEquals(plain.payload(), gunzip(gzipped.payload()));
        assertEquals(new BatchReader.Accepted(batch), new BatchReader(1 << 20).read(gzipped.payload(),
                gzipped.properties().asUserProperties()));
    }

    @Test
    void theUserProperties_nameTheSchemaVersionAndEncoding_inOrder() {
        EncodedBatch gzipped = new BatchEncoder(BatchConfig.DEFAULTS).encode(batch(50, 1));
        assertEquals(List.of(Map.entry("limen-schema", "1"), Map.entry("content-encoding", "gzip")),
                List.copyOf(gzipped.properties().asUserProperties().entrySet()));
        EncodedBatch plain = new BatchEncoder(new BatchConfig(1, Duration.ofMinutes(1), 4_096)).encode(batch(1, 1));
        assertEquals(List.of(Map.entry("limen-schema", "1"), Map.entry("content-encoding", "identity")),
                List.copyOf(plain.properties().asUserProperties().entrySet()));
    }

    @Test
    void aBatchOf1000Scans_staysUnderTheDocumentedSize_andRoundTrips() {
        BatchDocument batch = batch(1_000, 1);
        EncodedBatch encoded = new BatchEncoder(BatchConfig.DEFAULTS).encode(batch);
        System.out.printf("1000-scan batch: %d bytes of JSON, %d bytes gzipped%n", encoded.jsonBytes(), encoded.payload().length);
        assertEquals(BatchProperties.ContentEncoding.GZIP, encoded.properties().encoding());
        assertTrue(encoded.payload().length <= MAX_1000_SCAN_PAYLOAD_BYTES, encoded.payload().length + " bytes");
        var read = new BatchReader(1 << 20).read(encoded.payload(), encoded.properties().asUserProperties());
        BatchDocument back = assertInstanceOf(BatchReader.Accepted.class, read).batch();
        assertEquals(batch, back);
        assertEquals(1, back.firstSequence());
        assertEquals(1_000, back.lastSequence());
        assertEquals(0, back.missing());
    }

    @Test
    void aRecord_carriesEveryField_andOmitsWhatWasNotVerified() {
        BatchDocument batch = batch(7, 1);
        String json = new String(new BatchEncoder(new BatchConfig(7, Duration.ofMinutes(1), 1_048_576)).encode(batch).payload(),
                StandardCharsets.UTF_8);
        BatchRecord granted = batch.records().getFirst();
        assertTrue(granted.granted());
        assertEquals("ok", granted.reason());
        assertEquals(32, granted.cti().length());
        assertEquals("acme-badges", granted.iss());
        BatchRecord refused = batch.records().get(6); // sequence 7: refused before the signature was checked
        assertEquals("bad_signature", refused.reason());
        assertEquals(null, refused.cti());
        assertTrue(json.contains("{\"sequence\":7,\"decidedAt\":\"" + refused.decidedAt()
                + "\",\"granted\":false,\"reason\":\"bad_signature\",\"zone\":\"lobby\",\"micros\":{"), json);
    }
}
