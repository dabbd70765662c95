package io.limen.agent.uplink.batch;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * Reads a batch message as a consumer does: checks the user properties, inflates at most
 * {@code maxInflatedBytes}, parses schema-version-1 JSON strictly and checks the sequence range. Hostile
 * input of any kind is {@link Refused} with a stable reason; this class never throws on input.
 */
public final class BatchReader {

    /** What became of one message. */
    public sealed interface Result permits Accepted, Refused {
    }

    /** A well-formed batch. */
    public record Accepted(BatchDocument batch) implements Result {
    }

    /**
     * A message that is not a batch this reader can trust.
     *
     * @param reason one of {@link #UNSUPPORTED_VERSION}, {@link #UNSUPPORTED_ENCODING}, {@link #BAD_GZIP},
     *               {@link #TOO_LARGE}, {@link #MALFORMED}
     * @param detail a short explanation for a log line
     */
    public record Refused(String reason, String detail) implements Result {
    }

    /** {@code limen-schema} missing, or not a version this reader knows, or the JSON's own version disagrees. */
    public static final String UNSUPPORTED_VERSION = "unsupported_version";
    /** {@code content-encoding} missing or neither {@code gzip} nor {@code identity}. */
    public static final String UNSUPPORTED_ENCODING = "unsupported_encoding";
    /** gzip declared but the payload is not gzip, corrupt or truncated. */
    public static final String BAD_GZIP = "bad_gzip";
    /** The payload, or what it inflates to, is longer than the reader's cap. */
    public static final String TOO_LARGE = "too_large";
    /** Not JSON, or JSON that is not a valid version-1 batch (fields, types, sequence order and range). */
    public static final String MALFORMED = "malformed";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS) // "7" is not a sequence number
            .build();

    private final int maxInflatedBytes;

    /** @param maxInflatedBytes the longest JSON accepted, in bytes, compressed or not (1,000 scans are about 250 KB) */
    public BatchReader(int maxInflatedBytes) {
        if (maxInflatedBytes < 1) {
            throw new IllegalArgumentException("maxInflatedBytes must be >= 1, but was " + maxInflatedBytes);
        }
        this.maxInflatedBytes = maxInflatedBytes;
    }

    /** Reads one message's payload with its MQTT 5 user properties. */
    public Result read(byte[] payload, Map<String, String> userProperties) {
        Objects.requireNonNull(payload, "payload must not be null");
        Objects.requireNonNull(userProperties, "userProperties must not be null");
        String version = userProperties.get(BatchProperties.SCHEMA);
        if (!Integer.toString(BatchDocument.SCHEMA_VERSION).equals(version)) {
            return new Refused(UNSUPPORTED_VERSION, BatchProperties.SCHEMA + " was " + quoted(version)
                    + ", this reader knows " + BatchDocument.SCHEMA_VERSION);
        }
        String encoding = userProperties.get(BatchProperties.CONTENT_ENCODING);
        byte[] json;
        if (BatchProperties.ContentEncoding.IDENTITY.token().equals(encoding)) {
            if (payload.length > maxInflatedBytes) {
                return tooLarge();
            }
            json = payload;
        } else if (BatchProperties.ContentEncoding.GZIP.token().equals(encoding)) {
            try {
                json = inflate(payload);
            } catch (IOException e) {
                return new Refused(BAD_GZIP, "the gzip payload could not be inflated: " + e.getMessage());
            }
            if (json == null) {
                return tooLarge();
            }
        } else {
            return new Refused(UNSUPPORTED_ENCODING, BatchProperties.CONTENT_ENCODING + " was " + quoted(encoding)
                    + ", expected gzip or identity");
        }
        BatchDocument batch;
        try {
            batch = JSON.readValue(json, BatchDocument.class);
        } catch (JacksonException e) {
            return new Refused(MALFORMED, e.getOriginalMessage());
        } catch (IOException e) {
            return new Refused(MALFORMED, String.valueOf(e.getMessage()));
        }
        if (batch == null) {
            return new Refused(MALFORMED, "the payload was JSON null");
        }
        if (batch.schemaVersion() != BatchDocument.SCHEMA_VERSION) {
            return new Refused(UNSUPPORTED_VERSION, "schemaVersion in the JSON was " + batch.schemaVersion()
                    + " but " + BatchProperties.SCHEMA + " said " + version);
        }
        return new Accepted(batch);
    }

    /** The inflated bytes, or null once they pass the cap (reading stops there: a gzip bomb costs at most the cap). */
    private byte[] inflate(byte[] payload) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(payload))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) != -1) {
                if (out.size() + n > maxInflatedBytes) {
                    return null;
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }

    private Refused tooLarge() {
        return new Refused(TOO_LARGE, "the batch JSON is longer than " + maxInflatedBytes + " bytes");
    }

    private static String quoted(String value) {
        return value == null ? "missing" : "\"" + value.replaceAll("\\p{Cntrl}", "?") + "\"";
    }
}
