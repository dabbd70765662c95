package io.limen.agent.demo;

import io.limen.agent.uplink.batch.BatchDocument;
import io.limen.agent.uplink.batch.BatchReader;
import io.limen.agent.uplink.batch.BatchRecord;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
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
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/**
 * The central side of the demo: subscribes to {@code limen/#} on the demo's broker and describes each
 * message as it arrives, one line each, batches read with {@link BatchReader} as a consumer reads them.
 * Uses the client callback only (Paho's per-subscription listeners throw in 1.2.5).
 */
final class DemoTelemetry implements MqttCallback, AutoCloseable {

    private final MqttAsyncClient client;
    private final long startNanos = System.nanoTime();
    private final BatchReader reader = new BatchReader(4 * 1024 * 1024);
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private volatile long scans;

    DemoTelemetry(String uri) throws MqttException {
        client = new MqttAsyncClient(uri, "limen-demo-consumer", new MemoryPersistence());
        client.setCallback(this);
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        client.connect(options).waitForCompletion(5000);
        client.subscribe(new MqttSubscription("limen/#", 1)).waitForCompletion(5000);
    }

    /** What arrived so far, in order of arrival. */
    List<String> lines() {
        return List.copyOf(lines);
    }

    /** Scans received in batches so far. */
    long scans() {
        return scans;
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        String at = String.format(Locale.ROOT, "+%5.0f ms", (System.nanoTime() - startNanos) / 1e6);
        if (!topic.endsWith("/scans")) {
            String text = new String(message.getPayload(), StandardCharsets.UTF_8);
            lines.add(at + "  " + topic + (message.isRetained() ? " (retained)" : "") + "  "
                    + (text.length() > 160 ? text.substring(0, 160) + "..." : text));
            return;
        }
        Map<String, String> properties = new HashMap<>();
        for (UserProperty p : message.getProperties().getUserProperties()) {
            properties.put(p.getKey(), p.getValue());
        }
        switch (reader.read(message.getPayload(), properties)) {
            case BatchReader.Accepted accepted -> {
                BatchDocument b = accepted.batch();
                scans += b.records().size();
                lines.add(at + "  " + topic + "  batch " + b.firstSequence() + ".." + b.lastSequence() + " (" + b.records().size()
                        + " scans, " + message.getPayload().length + " bytes " + properties.get("content-encoding") + "): "
                        + b.records().stream().map(DemoTelemetry::record).collect(Collectors.joining(", ")));
            }
            case BatchReader.Refused refused -> lines.add(at + "  " + topic + "  refused: " + refused.reason() + " " + refused.detail());
        }
    }

    private static String record(BatchRecord r) {
        return "#" + r.sequence() + " " + r.reason();
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
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(2000);
            }
            client.close(true);
        } catch (MqttException e) {
            // The demo is ending; the broker goes next.
        }
    }
}
