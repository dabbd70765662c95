package io.limen.agent.uplink.batch;

import java.util.Objects;

/**
 * A batch ready for {@code MqttLink.publish(topic, payload, properties.asUserProperties())}.
 *
 * @param payload    the JSON, gzip-compressed when {@code properties.encoding()} says so
 * @param properties the MQTT 5 user properties that say how to read the payload
 * @param jsonBytes  the length of the JSON before any compression, in bytes
 */
public record EncodedBatch(byte[] payload, BatchProperties properties, int jsonBytes) {
    public EncodedBatch {
        Objects.requireNonNull(payload, "payload must not be null");
        Objects.requireNonNull(properties, "properties must not be null");
    }
}
