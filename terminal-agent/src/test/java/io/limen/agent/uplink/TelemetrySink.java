package io.limen.agent.uplink;

import io.limen.provisioning.telemetry.Batch;
import io.limen.provisioning.telemetry.BatchDecoder;
import io.limen.provisioning.telemetry.FleetLedger;
import io.limen.provisioning.telemetry.Refused;
import io.limen.provisioning.telemetry.Scan;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/**
 * The central side as the end-to-end tests see it: subscribes to {@code limen/#} and takes every batch
 * through the reference consumer's own classes ({@code limen provision consume}: {@link BatchDecoder}
 * checks it against the contract, {@link FleetLedger} de-duplicates by (terminal, sequence) and finds
 * gaps); keeps status, heartbeat and alarm payloads by topic. {@link #reconnect} subscribes again after
 * a broker restart (mosquitto here keeps no sessions).
 */
final class TelemetrySink implements AutoCloseable {

    private final String uri;
    private final BatchDecoder decoder = new BatchDecoder(BatchDecoder.DEFAULT_MAX_BYTES);
    private final FleetLedger ledger = new FleetLedger(16);
    /** Each terminal's scans as the ledger let them through: each sequence once, however often it came. */
    private final Map<String, Set<Long>> fresh = new HashMap<>();
    private int duplicates;
    final List<Batch> batches = new CopyOnWriteArrayList<>();
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

    private synchronized void arrived(String topic, MqttMessage message) {
        if (topic.endsWith("/" + UplinkPump.SCANS_TOPIC)) {
            Map<String, String> properties = new HashMap<>();
            for (UserProperty p : message.getProperties().getUserProperties()) {
                properties.put(p.getKey(), p.getValue());
            }
            switch (decoder.decode(message.getPayload(), properties)) {
                case BatchDecoder.Accepted accepted -> admit(accepted.batch());
                case Refused r -> refused.add(r.reason() + ": " + r.detail());
            }
            return;
        }
        String suffix = topic.substring(topic.lastIndexOf('/') + 1);
        texts.computeIfAbsent(suffix, k -> new CopyOnWriteArrayList<>()).add(new String(message.getPayload(), StandardCharsets.UTF_8));
        if (suffix.equals("status")) {
            statusRetained.add(message.isRetained());
        }
    }

    private void admit(Batch batch) {
        batches.add(batch);
        switch (ledger.admit(batch, Instant.now())) {
            case FleetLedger.Admitted admitted -> {
                Set<Long> seen = fresh.computeIfAbsent(admitted.terminal().terminal(), k -> new TreeSet<>());
                for (Scan scan : admitted.fresh()) {
                    if (!seen.add(scan.sequence())) {
                        throw new AssertionError("the ledger let sequence " + scan.sequence() + " through twice");
                    }
                }
                duplicates += admitted.duplicates();
            }
            case Refused r -> refused.add(r.reason() + ": " + r.detail());
        }
    }

    /** The sequences of {@code terminal} that arrived, each once however often it came. */
    synchronized Set<Long> sequences(String terminal) {
        return new TreeSet<>(fresh.getOrDefault(terminal, Set.of()));
    }

    /** How many arrivals were repeats (the at-least-once part the de-duplication removed). */
    synchronized int duplicates() {
        return duplicates;
    }

    List<String> texts(String suffix) {
        return texts.getOrDefault(suffix, List.of());
    }

    @Override
    public synchronized void close() throws Exception {
        subscriber.close();
    }
}
