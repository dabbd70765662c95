package io.limen.provisioning.telemetry;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.limen.format.telemetry.BatchSchema;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decodes one batch message from the documented contract alone (docs/telemetry.md, "Batches", and the
 * JSON Schema {@link BatchSchema}), independently of the agent's classes: the user properties first,
 * then at most {@code maxBytes} inflated, then strict JSON (no duplicate keys, nothing after the
 * document), the schema, and what a schema cannot say (strictly increasing sequences spanning exactly
 * {@code firstSequence..lastSequence}, times that are instants). Every message is {@link Accepted} or
 * {@link Refused} with a stable reason; this class never throws on input. Thread-safe.
 */
public final class BatchDecoder {

    /** The user property naming the schema version. */
    public static final String SCHEMA_PROPERTY = "limen-schema";
    /** The user property naming the payload's encoding: {@code gzip} or {@code identity}. */
    public static final String ENCODING_PROPERTY = "content-encoding";
    /**
     * The highest sequence number accepted, 2^53 − 1: any JSON reader (JavaScript's too) holds it exactly,
     * and a terminal deciding a scan a second needs 285 million years to reach it.
     */
    public static final long MAX_SEQUENCE = (1L << 53) - 1;
    /** The default cap on a batch's JSON, 8 MiB: the largest batch (5,000 scans) is about 1.3 MB. */
    public static final int DEFAULT_MAX_BYTES = 8 << 20;

    /** What became of one message. */
    public sealed interface Result permits Accepted, Refused {
    }

    /** A batch that follows the contract. */
    public record Accepted(Batch batch) implements Result {
    }

    private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(BatchSchema.text(), InputFormat.JSON);

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION) // {"terminal":"a","terminal":"b"} is not a batch
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final int maxBytes;

    /** @param maxBytes the longest batch JSON accepted, in bytes, before or after inflating (≥ 1) */
    public BatchDecoder(int maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be >= 1, but was " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** The cap this decoder was made with, in bytes. */
    public int maxBytes() {
        return maxBytes;
    }

    /** Decodes one message's payload, given its MQTT 5 user properties (first value of each name). */
    public Result decode(byte[] payload, Map<String, String> userProperties) {
        Objects.requireNonNull(payload, "payload must not be null");
        Objects.requireNonNull(userProperties, "userProperties must not be null");
        String version = userProperties.get(SCHEMA_PROPERTY);
        if (!Integer.toString(BatchSchema.VERSION).equals(version)) {
            return new Refused(RefusalReason.UNSUPPORTED_VERSION, SCHEMA_PROPERTY + " was " + quoted(version)
                    + ", this consumer reads " + BatchSchema.VERSION);
        }
        String encoding = userProperties.get(ENCODING_PROPERTY);
        if (!"identity".equals(encoding) && !"gzip".equals(encoding)) {
            return new Refused(RefusalReason.UNSUPPORTED_ENCODING, ENCODING_PROPERTY + " was " + quoted(encoding)
                    + ", expected gzip or identity");
        }
        if (payload.length > maxBytes) {
            return tooLarge("the payload is " + payload.length + " bytes");
        }
        byte[] json = payload;
        if (encoding.equals("gzip")) {
            try {
                json = inflate(payload);
            } catch (IOException e) {
                return new Refused(RefusalReason.BAD_GZIP, "the gzip payload could not be inflated: " + e.getMessage());
            }
            if (json == null) {
                return tooLarge("it inflates past that");
            }
        }
        return parse(json);
    }

    private Result parse(byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            return malformed("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            return malformed("the payload is JSON but not an object");
        }
        JsonNode version = root.get("schemaVersion");
        if (version != null && version.isIntegralNumber() && !(version.canConvertToInt() && version.intValue() == BatchSchema.VERSION)) {
            return new Refused(RefusalReason.UNSUPPORTED_VERSION, "schemaVersion in the JSON was " + version
                    + " but " + SCHEMA_PROPERTY + " said " + BatchSchema.VERSION);
        }
        List<Error> errors = SCHEMA.validate(root);
        if (!errors.isEmpty()) {
            return malformed(errors.getFirst().toString() + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""));
        }
        try {
            return new Accepted(batch(root));
        } catch (IllegalArgumentException e) {
            return malformed(e.getMessage());
        }
    }

    /** The batch of a schema-valid document; IllegalArgumentException for what the schema cannot check. */
    private static Batch batch(JsonNode root) {
        List<Scan> scans = new ArrayList<>();
        for (JsonNode record : root.get("records").values()) {
            JsonNode micros = record.get("micros");
            scans.add(new Scan(sequence(record, "sequence"), instant(record, "decidedAt"), record.get("granted").booleanValue(),
                    record.get("reason").stringValue(), text(record, "cti"), text(record, "iss"), text(record, "sub"),
                    text(record, "zone"), text(record, "direction"), new Scan.Micros(micros(micros, "decode"), micros(micros, "verify"),
                            micros(micros, "decide"), micros(micros, "frameToRelay"))));
        }
        TerminalId terminal = new TerminalId(root.get("site").stringValue(), root.get("terminal").stringValue());
        return new Batch(root.get("batchId").stringValue(), terminal, sequence(root, "firstSequence"),
                sequence(root, "lastSequence"), instant(root, "createdAt"), scans);
    }

    /** A whole number of at most {@link #MAX_SEQUENCE} (the schema allows 7.0 for an integer, and any size). */
    private static long sequence(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() > MAX_SEQUENCE) {
            throw new IllegalArgumentException(field + " must be a whole number from 1 to " + MAX_SEQUENCE + ", but was " + node);
        }
        return node.longValue();
    }

    private static long micros(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new IllegalArgumentException("micros." + field + " must be a whole number of microseconds, but was " + node);
        }
        return node.longValue();
    }

    /** The text as sent, after checking that it is an instant (the schema's pattern lets 2026-13-45 through). */
    private static String instant(JsonNode parent, String field) {
        String value = parent.get(field).stringValue();
        try {
            Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be an ISO-8601 UTC instant, but was \"" + value + "\"");
        }
        return value;
    }

    private static String text(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        return node == null ? null : node.stringValue();
    }

    /** The inflated bytes, or null once they pass the cap: reading stops there, so a gzip bomb costs the cap. */
    private byte[] inflate(byte[] payload) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(payload))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) != -1) {
                if (out.size() + n > maxBytes) {
                    return null;
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }

    private Refused tooLarge(String what) {
        return new Refused(RefusalReason.TOO_LARGE, what + "; the cap is " + maxBytes + " bytes of JSON");
    }

    private static Refused malformed(String detail) {
        return new Refused(RefusalReason.MALFORMED, detail);
    }

    private static String quoted(String value) {
        return value == null ? "missing" : "\"" + value + "\"";
    }
}
