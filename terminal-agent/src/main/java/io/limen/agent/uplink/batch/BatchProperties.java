package io.limen.agent.uplink.batch;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The MQTT 5 user properties a batch message carries: {@code limen-schema: 1} and
 * {@code content-encoding: gzip} or {@code identity}. A consumer reads them before the payload.
 *
 * @param schemaVersion the batch schema version of the payload
 * @param encoding      how the payload is encoded
 */
public record BatchProperties(int schemaVersion, ContentEncoding encoding) {

    /** The user property naming the schema version. */
    public static final String SCHEMA = "limen-schema";
    /** The user property naming the content encoding (the HTTP term and values). */
    public static final String CONTENT_ENCODING = "content-encoding";

    /** How the payload's JSON is encoded. */
    public enum ContentEncoding {
        /** gzip (RFC 1952), for JSON above {@code gzipAboveBytes}. */
        GZIP("gzip"),
        /** The JSON as it is, UTF-8. */
        IDENTITY("identity");

        private final String token;

        ContentEncoding(String token) {
            this.token = token;
        }

        /** The property value, {@code gzip} or {@code identity}. */
        public String token() {
            return token;
        }
    }

    public BatchProperties {
        Objects.requireNonNull(encoding, "encoding must not be null");
    }

    /** The user properties in the order {@code MqttLink.publish} sends them. */
    public Map<String, String> asUserProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(SCHEMA, Integer.toString(schemaVersion));
        properties.put(CONTENT_ENCODING, encoding.token());
        return properties;
    }
}
