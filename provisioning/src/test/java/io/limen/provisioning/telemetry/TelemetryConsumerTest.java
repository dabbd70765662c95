package io.limen.provisioning.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The consumer without the network: what it writes, what it reports, and what a refusal leaves alone. */
class TelemetryConsumerTest {

    private static final Instant T0 = Instant.parse("2026-11-30T14:05:01.250Z");
    private static final String TOPIC = "limen/site-1/door-3/scans";

    private final StringWriter scans = new StringWriter();
    private final StringWriter events = new StringWriter();
    private final TelemetryConsumer consumer = new TelemetryConsumer(new BatchDecoder(1 << 20), new FleetLedger(100), scans,
            new PrintWriter(events, true), 100);

    private List<String> lines(StringWriter writer) {
        String text = writer.toString();
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }

    @Test
    void eachScan_isOneJsonLine_withItsTerminalBatchAndArrival() throws IOException {
        consumer.batch(TOPIC, Batches.json("site-1", "door-3", 14, 15), Batches.IDENTITY, T0);

        List<String> out = lines(scans);
        assertEquals(2, out.size());
        String batchId = Batches.document("site-1", "door-3", 14, 15).get("batchId").stringValue();
        assertEquals("{\"site\":\"site-1\",\"terminal\":\"door-3\",\"sequence\":14,\"decidedAt\":\"2026-11-30T14:00:02.118Z\","
                + "\"granted\":true,\"reason\":\"ok\",\"cti\":\"0000000000000000000000000000000e\",\"iss\":\"acme-badges\","
                + "\"sub\":\"holder-14\",\"zone\":\"lobby\",\"micros\":{\"decode\":2410,\"verify\":310,\"decide\":22,\"frameToRelay\":48200},"
                + "\"batchId\":\"" + batchId + "\",\"receivedAt\":\"2026-11-30T14:05:01.250Z\"}", out.get(0));
        // Sequence 15 is a code whose signature was not verified: no cti, iss or sub, as in the batch.
        assertTrue(out.get(1).contains("\"sequence\":15,") && !out.get(1).contains("cti"), out.get(1));
        assertEquals(List.of(), lines(events));
    }

    @Test
    void duplicates_areDropped_andGaps_reportedAsTheyOpenAndFill() throws IOException {
        consumer.batch(TOPIC, Batches.json("site-1", "door-3", Batches.range(1, 5)), Batches.IDENTITY, T0);
        consumer.batch(TOPIC, Batches.json("site-1", "door-3", Batches.range(9, 10)), Batches.IDENTITY, T0);
        consumer.batch(TOPIC, Batches.json("site-1", "door-3", Batches.range(4, 7)), Batches.IDENTITY, T0);

        assertEquals(9, lines(scans).size());
        assertEquals(List.of("gap site-1/door-3 6..8 opened (3 missing)", "gap site-1/door-3 6..7 filled (1 missing)"), lines(events));
        assertEquals(new TelemetryConsumer.Counts(3, 9, 2, Map.of()), consumer.counts());
    }

    @Test
    void aRefusedMessage_isReportedAndCounted_andChangesNothingElse() throws IOException {
        consumer.batch(TOPIC, Batches.json("site-1", "door-3", 1, 2), Batches.IDENTITY, T0);
        String tableBefore = consumer.statusTable(T0);

        consumer.batch(TOPIC, "garbage".getBytes(StandardCharsets.UTF_8), Batches.IDENTITY, T0);
        consumer.batch(TOPIC, Batches.json("site-1", "door-3", 3), Map.of("limen-schema", "1", "content-encoding", "br"), T0);
        consumer.batch(TOPIC, Batches.gzip(new byte[4 << 20]), Batches.GZIP, T0);

        assertEquals(2, lines(scans).size());
        List<String> reported = lines(events);
        assertEquals(3, reported.size());
        assertTrue(reported.get(0).startsWith("refused malformed limen/site-1/door-3/scans: not JSON: "), reported.get(0));
        assertEquals("refused unsupported_encoding limen/site-1/door-3/scans: content-encoding was \"br\", expected gzip or identity",
                reported.get(1));
        assertEquals("refused too_large limen/site-1/door-3/scans: it inflates past that; the cap is 1048576 bytes of JSON", reported.get(2));
        assertEquals(new TelemetryConsumer.Counts(1, 2, 0, Map.of(RefusalReason.MALFORMED, 1L, RefusalReason.UNSUPPORTED_ENCODING, 1L,
                RefusalReason.TOO_LARGE, 1L)), consumer.counts());
        // The terminal's row is as it was; only the header's refusal count moved.
        assertEquals(tableBefore.lines().skip(1).toList(), consumer.statusTable(T0).lines().skip(1).toList());
        // And sequence 3, refused with the wrong encoding, is still new when it comes right.
        consumer.batch(TOPIC, Batches.json("site-1", "door-3", 3), Batches.IDENTITY, T0);
        assertEquals(3, lines(scans).size());
    }

    @Test
    void theStatusTable_joinsScansWithStatusHeartbeatAndAlarms_byTopicPrefix() throws IOException {
        consumer.status("limen/site-1/door-3/status", "online".getBytes(StandardCharsets.UTF_8), Instant.parse("2026-11-30T14:00:00Z"));
        consumer.heartbeat("limen/site-1/door-3/heartbeat", Instant.parse("2026-11-30T14:04:00Z"));
        consumer.alarms("limen/site-1/door-3/alarms", """
                {"schemaVersion":1,"terminal":"door-3","site":"site-1","at":"2026-11-30T14:03:00Z",
                 "active":["scanlog_near_cap","camera_down"],"raised":["camera_down"],"cleared":[]}""".getBytes(StandardCharsets.UTF_8));
        consumer.batch(TOPIC, Batches.json("site-1", "door-3", 1, 2, 4), Batches.IDENTITY, T0);
        consumer.batch(TOPIC, Batches.json("site-1", "door-3", 2), Batches.IDENTITY, T0);
        consumer.status("limen/site-2/gate-1/status", "offline".getBytes(StandardCharsets.UTF_8), Instant.parse("2026-11-30T13:00:00Z"));
        consumer.alarms("limen/site-2/gate-1/alarms", "{\"active\":[]}".getBytes(StandardCharsets.UTF_8));

        assertEquals("""
                fleet at 2026-11-30T14:10:00Z: 2 terminals, 2 batches, 3 scans written, 1 duplicates dropped, 0 refused
                TERMINAL             LAST SEEN             LAST SEQ  SCANS  DUPLICATES  GAPS  MISSING  STATUS                              HEARTBEAT             ALARMS
                site-1/door-3        2026-11-30T14:05:01Z         4      3           1     1        1  online since 2026-11-30T14:00:00Z   2026-11-30T14:04:00Z  scanlog_near_cap,camera_down
                limen/site-2/gate-1  –                            –      0           0     0        0  offline since 2026-11-30T13:00:00Z  –                     none
                """, consumer.statusTable(Instant.parse("2026-11-30T14:10:00Z")));
    }

    @Test
    void anAlarmsMessageThatIsNotTheDocumentedJson_showsAsUnreadable() {
        for (String payload : List.of("", "null", "[1]", "{\"active\":\"camera_down\"}", "{\"active\":[\"Camera Down!\"]}", "{\"active\":[7]}")) {
            assertEquals(TelemetryConsumer.UNREADABLE, TelemetryConsumer.activeAlarms(payload.getBytes(StandardCharsets.UTF_8)), payload);
        }
        assertEquals(TelemetryConsumer.UNREADABLE, TelemetryConsumer.activeAlarms(new byte[20_000]));
        assertEquals("", TelemetryConsumer.activeAlarms("{\"active\":[]}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void whenTheOutputFails_theConsumerSaysSo_andTakesNoMore() {
        Writer failing = new Writer() {
            @Override
            public void write(char[] chars, int off, int len) throws IOException {
                throw new IOException("No space left on device");
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        TelemetryConsumer broken = new TelemetryConsumer(new BatchDecoder(1 << 20), new FleetLedger(10), failing,
                new PrintWriter(new StringWriter()), 10);
        IOException e = assertThrows(IOException.class, () -> broken.batch(TOPIC, Batches.json("s", "t", 1), Batches.IDENTITY, T0));
        assertEquals("No space left on device", e.getMessage());
        assertEquals(0, broken.counts().scans());
        IllegalStateException after = assertThrows(IllegalStateException.class,
                () -> broken.batch(TOPIC, Batches.json("s", "t", 2), Batches.IDENTITY, T0));
        assertEquals("the scan output failed before; this consumer takes no more batches", after.getMessage());
        // The table is still printed at the end (it once failed on a terminal whose batch was never written).
        assertTrue(broken.statusTable(T0).lines().anyMatch(l -> l.startsWith("s/t ")), broken.statusTable(T0));
    }

    @Test
    void aHostileStatusPayload_isShownShortAndPrintable() {
        consumer.status("limen/s/t/status", "online\u001b[2J and a very long text after it".getBytes(StandardCharsets.UTF_8), T0);
        String row = consumer.statusTable(T0).lines().skip(2).findFirst().orElseThrow();
        // Control characters as ?, cut at 32 characters.
        assertTrue(row.contains("  online?[2J and a very long text … since 2026-11-30T14:05:01Z"), row);
    }
}
