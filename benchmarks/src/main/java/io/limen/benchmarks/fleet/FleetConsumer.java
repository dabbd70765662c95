package io.limen.benchmarks.fleet;

import io.limen.provisioning.telemetry.BatchDecoder;
import io.limen.provisioning.telemetry.FleetLedger;
import io.limen.provisioning.telemetry.Scan;
import io.limen.provisioning.telemetry.TelemetryConsumer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
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
 * The central side of the run: the reference {@link TelemetryConsumer} (decode, de-duplicate by terminal
 * and sequence) behind one MQTT 5 subscription to every terminal's scans, and a watch on the broker's
 * {@code $SYS} counters. It keeps a session on the broker (clean start off, one hour), so what arrives while
 * it reconnects after the outage waits for it. Independently of the consumer's ledger it keeps a bit per
 * (terminal, sequence) delivered, so duplicates after de-duplication and losses are checked twice.
 *
 * <p>It is the monitoring side, not the design under test: it reconnects every half second on a thread of its
 * own (not with Paho's automatic reconnect, whose delay is one static field for every client in the JVM).
 */
final class FleetConsumer implements AutoCloseable {

    static final String SCANS_FILTER = "limen/+/+/scans";
    private static final String SYS_MESSAGES = "$SYS/broker/publish/messages/received";
    private static final String SYS_BYTES = "$SYS/broker/bytes/received";

    private final FleetMeter meter;
    private final TelemetryConsumer consumer;
    private final MqttAsyncClient client;
    private final MqttConnectionOptions options = new MqttConnectionOptions();
    private final Map<String, BitSet> seen = new ConcurrentHashMap<>();
    private long sysMessages = -1;
    private long sysBytes = -1;
    private volatile long duplicatesAfterDedup;
    /** Once {@link #recordArrivals} is called: each terminal's scan-message arrival times (System.nanoTime), by prefix. */
    private final Map<String, java.util.List<Long>> arrivals = new ConcurrentHashMap<>();
    private volatile boolean recording;

    FleetConsumer(String brokerUri, FleetMeter meter, int terminals) throws MqttException {
        this.meter = meter;
        this.consumer = new TelemetryConsumer(new BatchDecoder(BatchDecoder.DEFAULT_MAX_BYTES), new FleetLedger(terminals + 16),
                Writer.nullWriter(), new PrintWriter(Writer.nullWriter()), terminals + 16);
        this.client = new MqttAsyncClient(brokerUri, "fleet-consumer", new MemoryPersistence());
        options.setCleanStart(false);
        options.setSessionExpiryInterval(3600L);
        options.setAutomaticReconnect(false);
        options.setKeepAliveInterval(30);
        client.setCallback(new Callback());
    }

    private volatile boolean closed;
    private Thread reconnector;

    void start() throws MqttException {
        client.connect(options).waitForCompletion(TimeUnit.SECONDS.toMillis(10));
        subscribe().waitForCompletion(TimeUnit.SECONDS.toMillis(10));
        reconnector = Thread.ofPlatform().daemon().name("fleet-consumer-reconnect").start(this::keepConnected);
    }

    private void keepConnected() {
        while (!closed) {
            try {
                Thread.sleep(500);
                if (!client.isConnected() && !closed) {
                    client.connect(options).waitForCompletion(TimeUnit.SECONDS.toMillis(10));
                    subscribe(); // a broker that lost the session has forgotten the subscriptions
                }
            } catch (MqttException e) {
                // The broker is still down: try again in half a second.
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private IMqttToken subscribe() throws MqttException {
        return client.subscribe(new MqttSubscription[] {new MqttSubscription(SCANS_FILTER, 1),
                new MqttSubscription(SYS_MESSAGES, 0), new MqttSubscription(SYS_BYTES, 0)});
    }

    /** The sequences delivered (after de-duplication) for one terminal's scan topic prefix, e.g. {@code limen/sim/t0001}. */
    BitSet delivered(String prefix) {
        return seen.getOrDefault(prefix, new BitSet());
    }

    /** From now on, keeps each terminal's scan-message arrival times (for the throttle's measurement). */
    void recordArrivals() {
        recording = true;
    }

    /** The arrival times kept since {@link #recordArrivals}, by terminal prefix. */
    Map<String, java.util.List<Long>> arrivals() {
        return arrivals;
    }

    /** Scans the consumer passed on twice: must stay 0. */
    long duplicatesAfterDedup() {
        return duplicatesAfterDedup;
    }

    TelemetryConsumer.Counts counts() {
        return consumer.counts();
    }

    private void scans(String topic, MqttMessage message) throws IOException {
        byte[] payload = message.getPayload();
        if (recording) {
            long now = System.nanoTime();
            arrivals.computeIfAbsent(topic.substring(0, topic.length() - "/scans".length()),
                    k -> java.util.Collections.synchronizedList(new java.util.ArrayList<>())).add(now);
        }
        meter.consumerMessages.incrementAndGet();
        meter.consumerBytes.addAndGet(payload.length);
        Map<String, String> properties = new LinkedHashMap<>();
        if (message.getProperties() != null && message.getProperties().getUserProperties() != null) {
            for (UserProperty p : message.getProperties().getUserProperties()) {
                properties.put(p.getKey(), p.getValue());
            }
        }
        FleetLedger.Result result = consumer.batch(topic, payload, properties, Instant.now());
        if (result instanceof FleetLedger.Admitted admitted) {
            meter.duplicatesDropped.addAndGet(admitted.duplicates());
            String prefix = topic.substring(0, topic.length() - "/scans".length());
            BitSet bits = seen.computeIfAbsent(prefix, k -> new BitSet());
            for (Scan scan : admitted.fresh()) {
                if (bits.get((int) scan.sequence())) {
                    duplicatesAfterDedup++;
                } else {
                    bits.set((int) scan.sequence());
                    meter.delivered.incrementAndGet();
                }
            }
        }
    }

    /** A {@code $SYS} counter: cumulative since the broker started, so it starts again after the outage. */
    private void sys(String topic, MqttMessage message) {
        long value;
        try {
            value = Long.parseLong(new String(message.getPayload(), StandardCharsets.US_ASCII).trim());
        } catch (NumberFormatException e) {
            return;
        }
        if (topic.equals(SYS_MESSAGES)) {
            meter.brokerMessages.addAndGet(sysMessages < 0 ? 0 : value >= sysMessages ? value - sysMessages : value);
            sysMessages = value;
        } else {
            meter.brokerBytes.addAndGet(sysBytes < 0 ? 0 : value >= sysBytes ? value - sysBytes : value);
            sysBytes = value;
        }
    }

    @Override
    public void close() {
        closed = true;
        reconnector.interrupt();
        try {
            client.disconnect().waitForCompletion(5000);
        } catch (MqttException e) {
            // Closing anyway.
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            // Closing anyway.
        }
    }

    private final class Callback implements MqttCallback {

        @Override
        public void messageArrived(String topic, MqttMessage message) throws Exception {
            if (topic.startsWith("$SYS/")) {
                sys(topic, message);
            } else {
                scans(topic, message);
            }
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
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
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}
