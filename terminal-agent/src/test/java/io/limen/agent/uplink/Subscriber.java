package io.limen.agent.uplink;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** A plain Paho client that subscribes (through the client callback) and records what arrives. */
public final class Subscriber implements MqttCallback, AutoCloseable {

    public record Received(String topic, MqttMessage message) {
    }

    public final List<Received> received = new CopyOnWriteArrayList<>();
    private final MqttAsyncClient client;
    private final BiConsumer<String, MqttMessage> onMessage;

    public Subscriber(String uri, String topicFilter) throws MqttException {
        this(uri, topicFilter, null);
    }

    /** @param onMessage told of each message on Paho's thread instead of recording it; null to record */
    Subscriber(String uri, String topicFilter, BiConsumer<String, MqttMessage> onMessage) throws MqttException {
        this.onMessage = onMessage;
        client = new MqttAsyncClient(uri, "subscriber-" + System.nanoTime(), new MemoryPersistence());
        client.setCallback(this);
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        client.connect(options).waitForCompletion(5000);
        client.subscribe(new MqttSubscription(topicFilter, 1)).waitForCompletion(5000);
    }

    /** The payloads received on {@code topic}, as UTF-8 text, in arrival order. */
    public List<String> texts(String topic) {
        return received.stream().filter(r -> r.topic().equals(topic))
                .map(r -> new String(r.message().getPayload(), StandardCharsets.UTF_8)).toList();
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        if (onMessage != null) {
            onMessage.accept(topic, message);
        } else {
            received.add(new Received(topic, message));
        }
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
    }

    @Override
    public void close() throws MqttException {
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(5000);
            }
        } catch (MqttException e) {
            // Cleanup only: a broker slow to answer DISCONNECT on a loaded machine must not fail the test
            // whose assertions already ran (seen under load in UplinkKillTest); close forcibly below.
        }
        client.close(true);
    }
}
