package io.limen.agent.uplink.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.limen.agent.gate.GateEvent;
import io.limen.agent.revocation.SqliteConnections;
import io.limen.agent.scanlog.Alarms;
import io.limen.agent.scanlog.Outbox;
import io.limen.agent.scanlog.ScanLogWriter;
import io.limen.agent.scanlog.ScanRecord;
import io.limen.agent.time.SimulatedTime;
import io.limen.config.BatchConfig;
import io.limen.config.Direction;
import io.limen.config.ScanLogConfig;
import io.limen.format.Reason;
import io.limen.format.telemetry.BatchSchema;
import io.limen.provisioning.telemetry.Batch;
import io.limen.provisioning.telemetry.BatchDecoder;
import io.limen.provisioning.telemetry.FleetLedger;
import io.limen.provisioning.telemetry.Scan;
import io.limen.provisioning.telemetry.TelemetryConsumer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gate event's direction end to end: handed to the real scan-log writer, committed to its SQLite
 * outbox, read back as the uplink reads it, batched and encoded, then decoded by the reference consumer
 * ({@code limen provision consume}) and written into its scan lines; the JSON validates against the
 * batch schema. Decisions and entrance-wide events carry no direction, in the row and on the wire.
 */
class GateEventDirectionTest {

    private static final Instant NOW = Instant.parse("2026-11-30T14:00:00Z");
    private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(BatchSchema.text(), InputFormat.JSON);

    @TempDir
    Path dir;

    @Test
    void eachGateEventsDirection_goesThroughTheOutboxAndTheBatch_toTheConsumer() throws Exception {
        Path file = dir.resolve("scanlog.db");
        SimulatedTime time = new SimulatedTime(NOW);
        ScanLogWriter writer = ScanLogWriter.start(ScanLogConfig.at(file), SqliteConnections.file(file, Duration.ofSeconds(1)),
                Optional.of("lobby"), time, new Alarms(), group -> { });
        // The exit button, the person through the exit sensor; a forced turn at the entry sensor; the door
        // held open and the fire alarm, which belong to the whole entrance.
        writer.gateEvent(new GateEvent(GateEvent.Kind.EXIT_REQUEST, 1, Optional.of(Direction.EXIT), Optional.empty()));
        writer.gateEvent(new GateEvent(GateEvent.Kind.PASSED, 2, Optional.of(Direction.EXIT), Optional.empty()));
        writer.gateEvent(new GateEvent(GateEvent.Kind.FORCED, 3, Optional.of(Direction.ENTRY), Optional.empty()));
        writer.gateEvent(new GateEvent(GateEvent.Kind.HELD_OPEN, 4, Optional.empty(), Optional.empty()));
        writer.gateEvent(new GateEvent(GateEvent.Kind.FIRE_ALARM, 5, Optional.empty(), Optional.empty()));
        writer.close(); // durable: what was handed over is in the file

        List<ScanRecord> rows;
        try (Outbox outbox = Outbox.open(SqliteConnections.file(file, Duration.ofSeconds(1)))) {
            rows = outbox.unsent(0, 100);
        }
        assertEquals(Arrays.asList(Direction.EXIT, Direction.EXIT, Direction.ENTRY, null, null),
                rows.stream().map(r -> r.scan().direction().orElse(null)).toList(), "the outbox rows");

        BatchBuilder builder = new BatchBuilder(new BatchConfig(rows.size(), Duration.ofMinutes(5), 2_048), "door-3", "site-1",
                Scans.ids(3));
        BatchDocument closed = null;
        for (ScanRecord row : rows) {
            closed = builder.add(row, NOW).orElse(closed);
        }
        EncodedBatch encoded = new BatchEncoder(BatchConfig.DEFAULTS).encode(closed);
        String json = new String(encoded.payload(), StandardCharsets.UTF_8);
        assertEquals(List.of(), SCHEMA.validate(json, InputFormat.JSON).stream().map(Object::toString).toList());

        Batch batch = assertInstanceOf(BatchDecoder.Accepted.class,
                new BatchDecoder(BatchDecoder.DEFAULT_MAX_BYTES).decode(encoded.payload(), encoded.properties().asUserProperties())).batch();
        assertEquals(List.of("exit_request", "passed", "forced", "held_open", "fire_alarm"), batch.scans().stream().map(Scan::reason).toList());
        assertEquals(Arrays.asList("exit", "exit", "entry", null, null), batch.scans().stream().map(Scan::direction).toList());

        StringWriter lines = new StringWriter();
        TelemetryConsumer consumer = new TelemetryConsumer(new BatchDecoder(BatchDecoder.DEFAULT_MAX_BYTES), new FleetLedger(10), lines,
                new PrintWriter(new StringWriter(), true), 10);
        consumer.batch("limen/site-1/door-3/scans", encoded.payload(), encoded.properties().asUserProperties(), NOW);
        List<String> out = List.of(lines.toString().split("\n"));
        assertEquals(5, out.size());
        List<Boolean> carries = new ArrayList<>();
        for (String line : out) {
            carries.add(line.contains("\"direction\":\"exit\"") || line.contains("\"direction\":\"entry\""));
        }
        assertEquals(List.of(true, true, true, false, false), carries, String.join("\n", out));
        assertEquals(true, out.get(2).contains("\"reason\":\"forced\",\"zone\":\"lobby\",\"direction\":\"entry\""), out.get(2));
    }

    @Test
    void aBatchWithoutDirection_asEveryOlderAgentSendsIt_isStillValid() {
        String old = """
                {"schemaVersion":1,"batchId":"3f1c9a52-7d0e-4b8a-9c61-2e5f04d7a8b3","terminal":"door-3","site":"site-1",
                 "firstSequence":7,"lastSequence":7,"createdAt":"2026-11-30T14:05:00Z","records":[
                 {"sequence":7,"decidedAt":"2026-11-30T14:00:00Z","granted":false,"reason":"passed","zone":"lobby",
                  "micros":{"decode":0,"verify":0,"decide":0,"frameToRelay":0}}]}""";
        assertEquals(List.of(), SCHEMA.validate(old, InputFormat.JSON).stream().map(Object::toString).toList());
        Batch batch = assertInstanceOf(BatchDecoder.Accepted.class, new BatchDecoder(BatchDecoder.DEFAULT_MAX_BYTES)
                .decode(old.getBytes(StandardCharsets.UTF_8), java.util.Map.of("limen-schema", "1", "content-encoding", "identity"))).batch();
        assertEquals(null, batch.scans().getFirst().direction());
        assertEquals(Reason.PASSED.code(), batch.scans().getFirst().reason());
    }

    @Test
    void aDirectionThatIsNeitherEntryNorExit_isRefusedByTheSchemaAndTheConsumer() {
        String bad = """
                {"schemaVersion":1,"batchId":"3f1c9a52-7d0e-4b8a-9c61-2e5f04d7a8b3","terminal":"door-3","site":"site-1",
                 "firstSequence":7,"lastSequence":7,"createdAt":"2026-11-30T14:05:00Z","records":[
                 {"sequence":7,"decidedAt":"2026-11-30T14:00:00Z","granted":false,"reason":"passed","direction":"sideways",
                  "micros":{"decode":0,"verify":0,"decide":0,"frameToRelay":0}}]}""";
        assertEquals(1, SCHEMA.validate(bad, InputFormat.JSON).size());
        BatchDecoder.Result result = new BatchDecoder(BatchDecoder.DEFAULT_MAX_BYTES)
                .decode(bad.getBytes(StandardCharsets.UTF_8), java.util.Map.of("limen-schema", "1", "content-encoding", "identity"));
        assertInstanceOf(io.limen.provisioning.telemetry.Refused.class, result, result::toString);
    }
}
