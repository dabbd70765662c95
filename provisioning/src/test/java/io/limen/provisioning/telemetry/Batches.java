package io.limen.provisioning.telemetry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Batch messages as a terminal sends them, written here from the documented contract (docs/telemetry.md),
 * not with the agent's encoder: the consumer must read what the documents promise.
 */
final class Batches {

    static final Map<String, String> IDENTITY = Map.of("limen-schema", "1", "content-encoding", "identity");
    static final Map<String, String> GZIP = Map.of("limen-schema", "1", "content-encoding", "gzip");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Batches() {
    }

    /** A valid batch of {@code site/terminal} holding exactly {@code sequences} (ascending), as an object to alter. */
    static ObjectNode document(String site, String terminal, long... sequences) {
        ObjectNode batch = JSON.createObjectNode();
        batch.put("schemaVersion", 1);
        batch.put("batchId", UUID.nameUUIDFromBytes((site + terminal + sequences[0] + "-" + sequences.length).getBytes(StandardCharsets.UTF_8)).toString());
        batch.put("terminal", terminal);
        batch.put("site", site);
        batch.put("firstSequence", sequences[0]);
        batch.put("lastSequence", sequences[sequences.length - 1]);
        batch.put("createdAt", "2026-11-30T14:05:00.004Z");
        ArrayNode records = batch.putArray("records");
        for (long s : sequences) {
            ObjectNode r = records.addObject();
            r.put("sequence", s);
            r.put("decidedAt", "2026-11-30T14:00:02.118Z");
            boolean granted = s % 3 != 0;
            r.put("granted", granted);
            r.put("reason", granted ? "ok" : "expired");
            if (s % 5 != 0) { // every fifth a code whose signature was not verified: no cti, iss, sub
                r.put("cti", String.format("%032x", s));
                r.put("iss", "acme-badges");
                r.put("sub", "holder-" + s);
            }
            r.put("zone", "lobby");
            ObjectNode micros = r.putObject("micros");
            micros.put("decode", 2410);
            micros.put("verify", 310);
            micros.put("decide", 22);
            micros.put("frameToRelay", 48200);
        }
        return batch;
    }

    /** The payload bytes of a valid batch (identity encoding). */
    static byte[] json(String site, String terminal, long... sequences) {
        return bytes(document(site, terminal, sequences));
    }

    static byte[] bytes(ObjectNode document) {
        return JSON.writeValueAsString(document).getBytes(StandardCharsets.UTF_8);
    }

    /** The sequences {@code first..last}. */
    static long[] range(long first, long last) {
        long[] sequences = new long[(int) (last - first + 1)];
        for (int i = 0; i < sequences.length; i++) {
            sequences[i] = first + i;
        }
        return sequences;
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
