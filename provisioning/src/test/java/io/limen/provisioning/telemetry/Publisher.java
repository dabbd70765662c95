package io.limen.provisioning.telemetry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/** A terminal's side of the wire, for the tests: publishes at QoS 1 with user properties and waits for the PUBACK. */
final class Publisher implements AutoCloseable {

    private final MqttAsyncClient client;

    Publisher(String uri) throws MqttException {
        client = new MqttAsyncClient(uri, "test-publisher-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        client.connect(options).waitForCompletion(10_000);
    }

    void publish(String topic, byte[] payload, Map<String, String> userProperties, boolean retained) throws MqttException {
        MqttProperties properties = new MqttProperties();
        List<UserProperty> list = new ArrayList<>();
        userProperties.forEach((k, v) -> list.add(new UserProperty(k, v)));
        properties.setUserProperties(list);
        client.publish(topic, new MqttMessage(payload, 1, retained, properties)).waitForCompletion(10_000);
    }

    void publish(String topic, byte[] payload, Map<String, String> userProperties) throws MqttException {
        publish(topic, payload, userProperties, false);
    }

    @Override
    public void close() throws MqttException {
        client.disconnect().waitForCompletion(10_000);
        client.close();
    }
}
