package io.limen.agent.uplink.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.limen.config.BatchConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The consumer's reader refuses hostile input with a stable reason and never throws. */
class BatchReaderTest {

    private static final Map<String, String> GZIP = Map.of("limen-schema", "1", "content-encoding", "gzip");
    private static final Map<String, String> IDENTITY = Map.of("limen-schema", "1", "content-encoding", "identity");

    private final BatchReader reader = new BatchReader(1 << 20);

    private static String json() {
        BatchBuilder builder = new BatchBuilder(new BatchConfig(3, Duration.ofMinutes(1), 1_048_576), "door-3", "site-1", Scans.ids(3));
        builder.add(Scans.record(1), Scans.T0);
        builder.add(Scans.record(2), Scans.T0);
        BatchDocument batch = builder.add(Scans.record(3), Scans.T0).orElseThrow();
        return new String(new BatchEncoder(new BatchConfig(3, Duration.ofMinutes(1), 1_048_576)).encode(batch).payload(),
                StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }

    private String refusal(String payload, Map<String, String> properties) {
        return refusal(payload.getBytes(StandardCharsets.UTF_8), properties);
    }

    private String refusal(byte[] payload, Map<String, String> properties) {
        return assertInstanceOf(BatchReader.Refused.class, reader.read(payload, properties)).reason();
    }

    @Test
    void theEncodersOwnOutput_isAccepted() {
        assertInstanceOf(BatchReader.Accepted.class, reader.read(json().getBytes(StandardCharsets.UTF_8), IDENTITY));
    }

    @Test
    void aMissingOrOtherSchemaVersion_isRefused() {
        assertEquals("unsupported_version", refusal(json(), Map.of("content-encoding", "identity")));
        assertEquals("unsupported_version", refusal(json(), Map.of("limen-schema", "2", "content-encoding", "identity")));
        assertEquals("unsupported_version", refusal(json().replace("\"schemaVersion\":1", "\"schemaVersion\":2"), IDENTITY));
    }

    @Test
    void aMissingOrUnknownEncoding_isRefused() {
        assertEquals("unsupported_encoding", refusal(json(), Map.of("limen-schema", "1")));
        assertEquals("unsupported_encoding", refusal(json(), Map.of("limen-schema", "1", "content-encoding", "br")));
    }

    @Test
    void truncatedOrCorruptGzip_isRefused() throws IOException {
        byte[] whole = gzip(json().getBytes(StandardCharsets.UTF_8));
        assertEquals("bad_gzip", refusal(Arrays.copyOf(whole, whole.length - 9), GZIP));
        assertEquals("bad_gzip", refusal(Arrays.copyOf(whole, 5), GZIP));
        assertEquals("bad_gzip", refusal(json(), GZIP)); // declared gzip, sent plain
        byte[] flipped = whole.clone();
        flipped[whole.length - 6] ^= 0x40; // the CRC-32 no longer matches
        assertEquals("bad_gzip", refusal(flipped, GZIP));
    }

    @Test
    void aGzipBomb_stopsAtTheCap() throws IOException {
        byte[] bomb = gzip(new byte[64 << 20]); // 64 MiB of zeros in about 64 KB
        BatchReader small = new BatchReader(1 << 20);
        assertEquals("too_large", assertInstanceOf(BatchReader.Refused.class, small.read(bomb, GZIP)).reason());
        assertEquals("too_large", assertInstanceOf(BatchReader.Refused.class,
                new BatchReader(100).read(json().getBytes(StandardCharsets.UTF_8), IDENTITY)).reason());
    }

    @Test
    void malformedJson_ofEveryKind_isRefused() {
        String ok = json();
        for (String bad : new String[] {
                "", "null", "[]", "{", "not json", ok + "{}",
                ok.replace("\"terminal\":\"door-3\",", ""),                                   // a required field missing
                ok.replace("\"site\":", "\"extra\":1,\"site\":"),                             // an unknown field
                ok.replace("\"firstSequence\":1", "\"firstSequence\":\"1\""),                 // a number as a string
                ok.replace("\"firstSequence\":1", "\"firstSequence\":2"),                     // a range that lies
                ok.replace("\"lastSequence\":3", "\"lastSequence\":9"),
                ok.replace("\"sequence\":2,", "\"sequence\":1,"),                             // a duplicate sequence
                ok.replace("\"sequence\":2,", "\"sequence\":0,"),
                ok.replace("\"sequence\":2,", "\"sequence\":2.5,"),
                ok.replaceFirst("\"granted\":true", "\"granted\":false"),                     // granted disagrees with reason
                ok.replaceFirst("\"decidedAt\":\"[^\"]*\"", "\"decidedAt\":\"yesterday\""),
                ok.replaceFirst("\"decode\":[0-9]+", "\"decode\":-1"),
                ok.replaceFirst("\"records\":\\[.*]", "\"records\":[]"),
        }) {
            var result = reader.read(bad.getBytes(StandardCharsets.UTF_8), IDENTITY);
            assertEquals("malformed", assertInstanceOf(BatchReader.Refused.class, result, bad).reason(), bad);
        }
    }

    @Test
    void randomBytes_neverThrow() {
        Random random = new Random(5);
        byte[] base = json().getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 2_000; i++) {
            byte[] mutated = base.clone();
            for (int k = 0; k < 1 + random.nextInt(4); k++) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            BatchReader.Result result = reader.read(mutated, i % 2 == 0 ? IDENTITY : GZIP);
            assertInstanceOf(BatchReader.Result.class, result);
        }
    }
}
