package io.limen.provisioning.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The decoder accepts what docs/telemetry.md promises and refuses everything else with a stable reason. */
class BatchDecoderTest {

    private final BatchDecoder decoder = new BatchDecoder(1 << 20);

    private Batch accepted(byte[] payload, Map<String, String> properties) {
        BatchDecoder.Result result = decoder.decode(payload, properties);
        return assertInstanceOf(BatchDecoder.Accepted.class, result, () -> result.toString()).batch();
    }

    private Refused refused(byte[] payload, Map<String, String> properties, RefusalReason reason) {
        BatchDecoder.Result result = decoder.decode(payload, properties);
        Refused refused = assertInstanceOf(Refused.class, result, () -> "expected " + reason + " but was " + result);
        assertEquals(reason, refused.reason(), refused::toString);
        return refused;
    }

    private Refused refused(ObjectNode document, RefusalReason reason) {
        return refused(Batches.bytes(document), Batches.IDENTITY, reason);
    }

    @Test
    void theWorkedExampleInTheDocs_isAccepted_withEveryField() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "telemetry.md"));
        int start = doc.indexOf("```json\n{\n  \"schemaVersion\"");
        String example = doc.substring(doc.indexOf('\n', start) + 1, doc.indexOf("```", start + 7));

        Batch batch = accepted(example.getBytes(StandardCharsets.UTF_8), Batches.IDENTITY);

        assertEquals(new TerminalId("site-1", "door-3"), batch.terminal());
        assertEquals("3f1c9a52-7d0e-4b8a-9c61-2e5f04d7a8b3", batch.batchId());
        assertEquals(List.of(41L, 42L, 44L), batch.scans().stream().map(Scan::sequence).toList());
        Scan first = batch.scans().getFirst();
        assertEquals(new Scan(41, "2026-11-30T14:00:02.118Z", true, "ok", "9b2e61f0c4d87a15e3f90b6c2d4a8e71", "acme-badges",
                "holder-9b2e61f0c4d8", "lobby", null, new Scan.Micros(2410, 310, 22, 48200)), first);
        Scan unverified = batch.scans().getLast();
        assertNull(unverified.cti());
        assertNull(unverified.iss());
        assertNull(unverified.sub());
        assertEquals("bad_signature", unverified.reason());
    }

    @Test
    void aGzipBatch_isInflatedAndAccepted() {
        Batch batch = accepted(Batches.gzip(Batches.json("site-1", "door-3", Batches.range(1, 500))), Batches.GZIP);
        assertEquals(500, batch.scans().size());
        assertEquals(500, batch.lastSequence());
    }

    @Test
    void theSchemaProperty_mustBe1() {
        byte[] json = Batches.json("s", "t", 1);
        assertEquals("limen-schema was missing, this consumer reads 1",
                refused(json, Map.of("content-encoding", "identity"), RefusalReason.UNSUPPORTED_VERSION).detail());
        assertEquals("limen-schema was \"2\", this consumer reads 1",
                refused(json, Map.of("limen-schema", "2", "content-encoding", "identity"), RefusalReason.UNSUPPORTED_VERSION).detail());
    }

    @Test
    void aJsonSchemaVersionOtherThanTheProperty_isUnsupported() {
        ObjectNode doc = Batches.document("s", "t", 1);
        doc.put("schemaVersion", 2);
        assertEquals("schemaVersion in the JSON was 2 but limen-schema said 1",
                refused(doc, RefusalReason.UNSUPPORTED_VERSION).detail());
    }

    @Test
    void anEncodingOtherThanGzipOrIdentity_isRefused() {
        byte[] json = Batches.json("s", "t", 1);
        assertEquals("content-encoding was \"br\", expected gzip or identity",
                refused(json, Map.of("limen-schema", "1", "content-encoding", "br"), RefusalReason.UNSUPPORTED_ENCODING).detail());
        assertEquals("content-encoding was missing, expected gzip or identity",
                refused(json, Map.of("limen-schema", "1"), RefusalReason.UNSUPPORTED_ENCODING).detail());
    }

    @Test
    void gzipDeclared_butTheBytesAreNotGzip_orAreCutShort_isBadGzip() {
        refused(Batches.json("s", "t", 1), Batches.GZIP, RefusalReason.BAD_GZIP);
        byte[] gzip = Batches.gzip(Batches.json("s", "t", Batches.range(1, 50)));
        refused(Arrays.copyOf(gzip, gzip.length / 2), Batches.GZIP, RefusalReason.BAD_GZIP);
    }

    @Test
    void identityDeclared_forGzipBytes_isMalformed() {
        refused(Batches.gzip(Batches.json("s", "t", 1)), Batches.IDENTITY, RefusalReason.MALFORMED);
    }

    @Test
    void aGzipBomb_stopsAtTheCap() {
        // 16 MiB of zeros deflate to about 16 KB; the decoder reads 1 MiB of it and stops.
        byte[] bomb = Batches.gzip(new byte[16 << 20]);
        assertTrue(bomb.length < 50_000, "the bomb is small on the wire: " + bomb.length);
        long before = System.nanoTime();
        Refused r = refused(bomb, Batches.GZIP, RefusalReason.TOO_LARGE);
        assertEquals("it inflates past that; the cap is 1048576 bytes of JSON", r.detail());
        assertTrue(System.nanoTime() - before < 2_000_000_000L, "inflating stopped at the cap");
    }

    @Test
    void aPayloadLongerThanTheCap_isTooLarge_beforeItIsRead() {
        BatchDecoder small = new BatchDecoder(100);
        BatchDecoder.Result r = small.decode(Batches.json("s", "t", 1), Batches.IDENTITY);
        assertEquals(RefusalReason.TOO_LARGE, ((Refused) r).reason());
    }

    @Test
    void garbage_isMalformed_neverAnException() {
        for (byte[] garbage : List.of(new byte[0], new byte[] {(byte) 0xFF, 0, 1}, "{".getBytes(StandardCharsets.UTF_8),
                "null".getBytes(StandardCharsets.UTF_8), "[1,2]".getBytes(StandardCharsets.UTF_8),
                "\"a batch\"".getBytes(StandardCharsets.UTF_8))) {
            refused(garbage, Batches.IDENTITY, RefusalReason.MALFORMED);
        }
    }

    @Test
    void aDuplicateKey_orTextAfterTheDocument_isMalformed() {
        String json = new String(Batches.json("s", "t", 1), StandardCharsets.UTF_8);
        refused(json.replace("{\"schemaVersion\":1,", "{\"schemaVersion\":1,\"site\":\"other\",").getBytes(StandardCharsets.UTF_8),
                Batches.IDENTITY, RefusalReason.MALFORMED);
        refused((json + "{}").getBytes(StandardCharsets.UTF_8), Batches.IDENTITY, RefusalReason.MALFORMED);
    }

    @Test
    void schemaViolations_areMalformed_namingThePlace() {
        ObjectNode unknownField = Batches.document("s", "t", 1);
        unknownField.put("extra", true);
        assertTrue(refused(unknownField, RefusalReason.MALFORMED).detail().contains("extra"));

        ObjectNode sequenceAsText = Batches.document("s", "t", 1);
        ((ObjectNode) sequenceAsText.get("records").get(0)).put("sequence", "1");
        assertTrue(refused(sequenceAsText, RefusalReason.MALFORMED).detail().contains("/records/0/sequence"));

        ObjectNode grantedButExpired = Batches.document("s", "t", 1);
        ((ObjectNode) grantedButExpired.get("records").get(0)).put("granted", true).put("reason", "expired");
        assertTrue(refused(grantedButExpired, RefusalReason.MALFORMED).detail().contains("/records/0/reason"));

        ObjectNode noRecords = Batches.document("s", "t", 1);
        noRecords.putArray("records");
        refused(noRecords, RefusalReason.MALFORMED);
    }

    @Test
    void aRangeThatDisagreesWithTheRecords_isMalformed() {
        ObjectNode doc = Batches.document("s", "t", 5, 6, 7);
        doc.put("firstSequence", 4);
        assertEquals("firstSequence..lastSequence must be the scans' range 5..7, but was 4..7",
                refused(doc, RefusalReason.MALFORMED).detail());
    }

    @Test
    void recordsOutOfOrder_orTwice_areMalformed() {
        ObjectNode doc = Batches.document("s", "t", 5, 6, 7);
        ArrayNode records = (ArrayNode) doc.get("records");
        ((ObjectNode) records.get(1)).put("sequence", 8);
        assertEquals("scans must be in strictly increasing sequence order, but 7 followed 8", refused(doc, RefusalReason.MALFORMED).detail());
        ((ObjectNode) records.get(1)).put("sequence", 5);
        refused(doc, RefusalReason.MALFORMED);
    }

    @Test
    void aFractionalOrHugeSequence_isMalformed() {
        ObjectNode fractional = Batches.document("s", "t", 1);
        ((ObjectNode) fractional.get("records").get(0)).put("sequence", 1.0);
        fractional.put("firstSequence", 1.0);
        fractional.put("lastSequence", 1.0);
        assertTrue(refused(fractional, RefusalReason.MALFORMED).detail().startsWith("sequence must be a whole number"));

        long huge = BatchDecoder.MAX_SEQUENCE + 1;
        refused(Batches.document("s", "t", huge), RefusalReason.MALFORMED);
    }

    @Test
    void aTimeThatIsNoInstant_isMalformed() {
        ObjectNode doc = Batches.document("s", "t", 1);
        doc.put("createdAt", "2026-13-45T14:05:00Z");
        assertEquals("createdAt must be an ISO-8601 UTC instant, but was \"2026-13-45T14:05:00Z\"",
                refused(doc, RefusalReason.MALFORMED).detail());
    }

    @Test
    void aDetail_isOneShortPrintableLine() {
        Map<String, String> props = new HashMap<>(Batches.IDENTITY);
        props.put("content-encoding", "x\n\u0007".repeat(500));
        String detail = refused(Batches.json("s", "t", 1), props, RefusalReason.UNSUPPORTED_ENCODING).detail();
        assertTrue(detail.length() <= Refused.MAX_DETAIL + 1, detail);
        assertTrue(detail.chars().noneMatch(Character::isISOControl), detail);
    }
}
