package io.limen.provisioning;

import java.time.Duration;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * Publishes signed list documents as retained QoS 1 messages ({@code publish-lists --broker}): one
 * connection (clean start, memory persistence, no automatic reconnect), each message's PUBACK awaited
 * and its reason code checked (Paho completes a PUBACK of 0x80 and up as if it succeeded).
 */
final class ListPublisher implements AutoCloseable {

    /** How long a connect or a PUBACK may take. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String uri;
    private final MqttAsyncClient client;

    /** @throws ProvisioningException if the broker cannot be reached or refuses the connection */
    ListPublisher(String uri) {
        this.uri = uri;
        if (!uri.startsWith("tcp://") && !uri.startsWith("ssl://")) {
            throw new ProvisioningException("--broker must be tcp://host:port or ssl://host:port, but was " + uri);
        }
        try {
            client = new MqttAsyncClient(uri, "limen-publish-lists-" + System.nanoTime(), new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            options.setAutomaticReconnect(false);
            options.setConnectionTimeout((int) TIMEOUT.toSeconds());
            client.connect(options).waitForCompletion(TIMEOUT.toMillis());
        } catch (MqttException | IllegalArgumentException e) {
            throw new ProvisioningException("cannot connect to " + uri + ": " + (e.getCause() != null ? e.getCause() : e.getMessage()));
        }
    }

    /**
     * Publishes {@code payload} retained on {@code topic} and waits for the broker's PUBACK; an empty
     * payload clears the topic's retained message.
     *
     * @throws ProvisioningException if the broker refuses it (PUBACK 0x80 and up) or does not answer in {@link #TIMEOUT}
     */
    void retain(String topic, byte[] payload) {
        try {
            IMqttToken token = publish(topic, payload);
            token.waitForCompletion(TIMEOUT.toMillis());
            int[] codes = token.getReasonCodes();
            if (codes != null) {
                for (int code : codes) {
                    if (code >= 0x80) {
                        throw new ProvisioningException(uri + " refused the message on " + topic + ": PUBACK reason code 0x"
                                + Integer.toHexString(code));
                    }
                }
            }
        } catch (MqttException e) {
            throw new ProvisioningException("cannot publish on " + topic + " at " + uri + ": " + e.getMessage());
        }
    }

    /**
     * Sends one message. Paho 1.2.5 completes a PUBACK's token before it frees the in-flight slot, so
     * back-to-back publishes can be refused "too many publishes in progress" (32202) for a moment: that
     * one is tried again, briefly, until {@link #TIMEOUT}.
     */
    private IMqttToken publish(String topic, byte[] payload) throws MqttException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            try {
                return client.publish(topic, new MqttMessage(payload, 1, true, null));
            } catch (MqttException e) {
                if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT || System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Clears the retained message of {@code topic}, if any. */
    void clear(String topic) {
        retain(topic, new byte[0]);
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(TIMEOUT.toMillis()).waitForCompletion(TIMEOUT.toMillis());
            }
            client.close(true);
        } catch (MqttException e) {
            // Everything was acknowledged already; a failed goodbye loses nothing.
            System.getLogger(ListPublisher.class.getName()).log(System.Logger.Level.DEBUG, "disconnect: " + e.getMessage());
        }
    }
}
