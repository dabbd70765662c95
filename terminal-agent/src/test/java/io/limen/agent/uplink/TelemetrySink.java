package io.limen.agent.uplink;

import io.limen.agent.uplink.batch.BatchDocument;
import io.limen.agent.uplink.batch.BatchReader;
import io.limen.agent.uplink.batch.BatchRecord;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/**
 * The central side as the end-to-end tests see it: subscribes to {@code limen/#}, reads every batch as a
 * consumer does ({@link BatchReader}), de-duplicates scans by (terminal, sequence) and counts how often
 * each arrived; keeps status, heartbeat and alarm payloads by topic. {@link #reconnect} subscribes again
 * after a broker restart (mosquitto here keeps no sessions).
 */
final class TelemetrySink implements AutoCloseable {

    record Scan(String terminal, long sequence) {
    }

    private final String uri;
    private final BatchReader reader = new BatchReader(16 * 1024 * 1024);
    private final Map<Scan, AtomicInteger> arrivals = new ConcurrentHashMap<>();
    final List<BatchDocument> batches = new CopyOnWriteArrayList<>();
    final List<String> refused = new CopyOnWriteArrayList<>();
    final Map<String, List<String>> texts = new ConcurrentHashMap<>();
    final List<Boolean> statusRetained = new CopyOnWriteArrayList<>();
    private Subscriber subscriber;

    TelemetrySink(String uri) throws Exception {
        this.uri = uri;
        reconnect();
    }

    /** Subscribes (again) with a new clean session. */
    synchronized void reconnect() throws Exception {
        if (subscriber != null) {
            try {
                subscriber.close();
            } catch (Exception e) {
                // The broker went away under it.
            }
        }
        subscriber = new Subscriber(uri, "limen/#", this::arrived);
    }

    private void arrived(String topic, MqttMessage message) {
        if (topic.endsWith("/" + UplinkPump.SCANS_TOPIC)) {
            Map<String, String> properties = new HashMap<>();
            for (UserProperty p : message.getProperties().getUserProperties()) {
                properties.put(p.getKey(), p.getValue());
            }
            switch (reader.read(message.getPayload(), properties)) {
                case BatchReader.Accepted accepted -> {
                    batches.add(accepted.batch());
                    for (BatchRecord r : accepted.batch().records()) {
                        arrivals.computeIfAbsent(new Scan(accepted.batch().terminal(), r.sequence()), k -> new AtomicInteger())
                                .incrementAndGet();
                    }
                }
                case BatchReader.Refused r -> refused.add(r.reason() + ": " + r.detail());
            }
            return;
        }
        String suffix = topic.substring(topic.lastIndexOf('/') + 1);
        texts.computeIfAbsent(suffix, k -> new CopyOnWriteArrayList<>()).add(new String(message.getPayload(), StandardCharsets.UTF_8));
        if (suffix.equals("status")) {
            statusRetained.add(message.isRetained());
        }
    }

    /** The sequences of {@code terminal} that arrived, each once however often it came. */
    Set<Long> sequences(String terminal) {
        Set<Long> seen = new TreeSet<>();
        arrivals.keySet().stream().filter(s -> s.terminal().equals(terminal)).forEach(s -> seen.add(s.sequence()));
        return seen;
    }

    /** How many arrivals were repeats (the at-least-once part the de-duplication removes). */
    int duplicates() {
        return arrivals.values().stream().mapToInt(a -> a.get() - 1).sum();
    }

    List<String> texts(String suffix) {
        return texts.getOrDefault(suffix, List.of());
    }

    @Override
    public synchronized void close() throws Exception {
        subscriber.close();
    }
}
