package io.limen.agent.uplink.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.limen.config.BatchConfig;
import io.limen.format.telemetry.BatchSchema;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** Real encoded batches validate against the batch schema (draft 2020-12; {@link BatchSchema}, copied to docs/); wrong ones do not. */
class BatchSchemaTest {

    /** The schema resource the consumer validates with too (docs/telemetry-batch.schema.json is its copy). */
    private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(BatchSchema.text(), InputFormat.JSON);

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> errors(String json) {
        return SCHEMA.validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
    }

    /** A real batch as the consumer receives it: encoded (gzip for the big one) and inflated again. */
    private static String encoded(int records, long gapAt) throws IOException {
        BatchBuilder builder = new BatchBuilder(new BatchConfig(records, Duration.ofMinutes(5), 2_048), "door-3", "site-1", Scans.ids(9));
        Random random = new Random(11);
        long sequence = 1;
        while (true) {
            if (sequence == gapAt) {
                sequence += 3;
            }
            var closed = builder.add(Scans.record(sequence++, random), Scans.T0);
            if (closed.isPresent()) {
                EncodedBatch encoded = new BatchEncoder(BatchConfig.DEFAULTS).encode(closed.get());
                byte[] json = encoded.properties().encoding() == BatchProperties.ContentEncoding.GZIP
                        ? new GZIPInputStream(new ByteArrayInputStream(encoded.payload())).readAllBytes()
                        : encoded.payload();
                return new String(json, StandardCharsets.UTF_8);
            }
        }
    }

    @Test
    void realBatches_validate() throws IOException {
        assertEquals(List.of(), errors(encoded(1, -1)));
        assertEquals(List.of(), errors(encoded(20, 5)));
        assertEquals(List.of(), errors(encoded(1_000, 500)));
    }

    @Test
    void theWorkedExampleInTheDocs_validates_andIsAcceptedByTheReader() throws IOException {
        String doc = read(Path.of("..", "docs", "telemetry.md"));
        int start = doc.indexOf("```json\n{\n  \"schemaVersion\"");
        String example = doc.substring(doc.indexOf('\n', start) + 1, doc.indexOf("```", start + 7));
        assertEquals(List.of(), errors(example));
        assertEquals(BatchReader.Accepted.class, new BatchReader(1 << 20).read(example.getBytes(StandardCharsets.UTF_8),
                java.util.Map.of("limen-schema", "1", "content-encoding", "identity")).getClass());
    }

    @Test
    void wrongBatches_fail() throws IOException {
        String ok = encoded(3, -1);
        for (String bad : new String[] {
                ok.replace("\"schemaVersion\":1", "\"schemaVersion\":2"),
                ok.replace("\"terminal\":\"door-3\",", ""),
                ok.replace("\"site\":", "\"extra\":1,\"site\":"),
                ok.replace("\"firstSequence\":1", "\"firstSequence\":\"1\""),
                ok.replace("\"firstSequence\":1", "\"firstSequence\":0"),
                ok.replaceFirst("\"granted\":true", "\"granted\":false"),
                ok.replaceFirst("\"decidedAt\":\"[^\"]*\"", "\"decidedAt\":\"yesterday\""),
                ok.replaceFirst("\"decode\":[0-9]+", "\"decode\":-1"),
                ok.replaceFirst(",\"micros\":\\{[^}]*}", ""),
                ok.replaceFirst("\"records\":\\[.*]", "\"records\":[]"),
                ok.replaceFirst("\"batchId\":\"[^\"]*\"", "\"batchId\":\"door-3-1\""),
        }) {
            assertFalse(errors(bad).isEmpty(), bad);
        }
    }
}
