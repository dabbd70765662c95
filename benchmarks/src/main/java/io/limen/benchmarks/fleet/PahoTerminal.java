package io.limen.benchmarks.fleet;

import io.limen.agent.scanlog.ScanRecord;
import io.limen.agent.uplink.batch.BatchBuilder;
import io.limen.agent.uplink.batch.BatchDocument;
import io.limen.agent.uplink.batch.BatchEncoder;
import io.limen.agent.uplink.batch.EncodedBatch;
import io.limen.config.BatchConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/**
 * The two designs Limen is compared with, both reconnecting as Paho's automatic reconnect does (first retry
 * 1 s after the loss, doubling on each failure up to 120 s, no jitter, back to 1 s on success). Paho 1.2.5
 * keeps that delay in a <em>static</em> field of {@code MqttAsyncClient}, shared by every client in the
 * JVM: a thousand clients in one process double one delay a thousand times and stop retrying for two
 * minutes, which no fleet of separate devices does. So the schedule is Paho's, run per terminal here on a
 * shared scheduler, with Paho's own {@code connect} for each attempt:
 * <ul>
 *   <li>{@link Shape#BATCHED}: Limen's batches (the real {@link BatchBuilder} and {@link BatchEncoder}, one
 *       in flight) — only the reconnect differs;</li>
 *   <li>{@link Shape#PER_SCAN}: one message per scan sent the moment it is decided, and after a reconnect
 *       everything queued at once — the shape of the pass systems that collapsed.</li>
 * </ul>
 * Both keep what is unacknowledged in memory (a perfect outbox, which flatters them: a real one would lose
 * it on a restart). Messages are single-record batches for {@code PER_SCAN}, so one consumer reads all
 * three designs.
 */
final class PahoTerminal implements SimTerminal {

    enum Shape { BATCHED, PER_SCAN }

    /** Per-scan messages in flight at once: mosquitto's default receive maximum. */
    private static final int PER_SCAN_IN_FLIGHT = 20;

    private final Shape shape;
    private final String prefix;
    private final String topic;
    private final String id;
    private final BatchConfig batch;
    private final BatchEncoder encoder;
    private final FleetMeter meter;
    private final MqttAsyncClient client;
    /** Decided and not acknowledged, by sequence. */
    private final TreeMap<Long, ScanRecord> unacked = new TreeMap<>();
    /** PER_SCAN: sequences in flight. BATCHED: the one batch's sequences. */
    private final BitSet inFlight = new BitSet();
    private BatchBuilder builder;
    private long cursor;
    private long decided;
    /** Counts connections, so that a PUBACK (or its failure) from before a loss is ignored. */
    private long generation;
    private boolean batchInFlight;

    /** Paho's automatic reconnect delays: {@code MqttConnectionOptions}' defaults of 1 s and 120 s. */
    static final long MIN_DELAY_MS = 1000;
    static final long MAX_DELAY_MS = 120_000;

    private final ScheduledExecutorService scheduler;
    private final MqttConnectionOptions options = new MqttConnectionOptions();
    private long delayMs = MIN_DELAY_MS;
    private volatile boolean closed;

    PahoTerminal(Shape shape, String id, String brokerUri, BatchConfig batch, FleetMeter meter, ScheduledExecutorService scheduler)
            throws MqttException {
        this.scheduler = scheduler;
        this.shape = shape;
        this.id = id;
        this.prefix = "limen/sim/" + id;
        this.topic = prefix + "/scans";
        this.batch = batch;
        this.encoder = new BatchEncoder(batch);
        this.meter = meter;
        this.builder = newBuilder();
        this.client = new MqttAsyncClient(brokerUri, id, new MemoryPersistence());
        client.setCallback(new Callback());
        options.setCleanStart(true);
        options.setSessionExpiryInterval(60L);
        options.setAutomaticReconnect(false); // its schedule is run by reconnect() below, per terminal
        options.setKeepAliveInterval(30);
        options.setSocketFactory(new CountingSocketFactory(meter));
        client.connect(options).waitForCompletion(30_000);
        meter.connections.incrementAndGet();
    }

    private BatchBuilder newBuilder() {
        BatchConfig config = shape == Shape.PER_SCAN ? new BatchConfig(1, batch.maxAge(), batch.gzipAboveBytes()) : batch;
        return new BatchBuilder(config, id, "sim", UUID::randomUUID);
    }

    @Override
    public String prefix() {
        return prefix;
    }

    @Override
    public void decide(int n) {
        Instant now = Instant.now();
        synchronized (this) {
            for (int i = 0; i < n; i++) {
                decided++;
                unacked.put(decided, new ScanRecord(decided, SimTerminal.entry(decided, now), Optional.empty()));
            }
        }
        meter.decided.addAndGet(n);
        if (shape == Shape.PER_SCAN) {
            send(); // at once: a request per scan
        }
    }

    @Override
    public void tick() {
        send();
    }

    private synchronized void send() {
        if (!client.isConnected()) {
            return;
        }
        if (shape == Shape.PER_SCAN) {
            for (ScanRecord r : unacked.values()) {
                if (inFlight.cardinality() >= PER_SCAN_IN_FLIGHT) {
                    return;
                }
                if (!inFlight.get((int) r.sequence())) {
                    BatchBuilder one = newBuilder();
                    if (!publish(one.add(r, Instant.now()).orElseThrow())) {
                        return;
                    }
                }
            }
            return;
        }
        if (batchInFlight) {
            return;
        }
        Instant now = Instant.now();
        Optional<BatchDocument> ready = builder.poll(now);
        for (ScanRecord r : unacked.tailMap(cursor, false).values()) {
            if (ready.isPresent()) {
                break;
            }
            cursor = r.sequence();
            ready = builder.add(r, now);
        }
        if (ready.isEmpty()) {
            ready = builder.poll(now);
        }
        if (ready.isPresent()) {
            batchInFlight = publish(ready.get());
            if (!batchInFlight) {
                reset();
            }
        }
    }

    private boolean publish(BatchDocument doc) {
        EncodedBatch encoded = encoder.encode(doc);
        MqttProperties properties = new MqttProperties();
        List<UserProperty> list = new ArrayList<>();
        encoded.properties().asUserProperties().forEach((k, v) -> list.add(new UserProperty(k, v)));
        properties.setUserProperties(list);
        MqttMessage message = new MqttMessage(encoded.payload(), 1, false, properties);
        long first = doc.firstSequence();
        long last = doc.lastSequence();
        long gen = generation;
        try {
            client.publish(topic, message, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    settled(gen, first, last, worst(token) < 0x80);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable exception) {
                    settled(gen, first, last, false);
                }
            });
        } catch (MqttException e) {
            return false; // not connected, or Paho's in-flight window is full: tried again on the next tick
        }
        inFlight.set((int) first, (int) last + 1);
        return true;
    }

    private static int worst(IMqttToken token) {
        int worst = 0;
        int[] codes = token.getReasonCodes();
        if (codes != null) {
            for (int c : codes) {
                worst = Math.max(worst, c);
            }
        }
        return worst;
    }

    private void settled(long gen, long first, long last, boolean ok) {
        long n = 0;
        synchronized (this) {
            if (gen != generation) {
                return;
            }
            inFlight.clear((int) first, (int) last + 1);
            if (ok) {
                for (long s = first; s <= last; s++) {
                    if (unacked.remove(s) != null) {
                        n++;
                    }
                }
            }
            if (shape == Shape.BATCHED) {
                batchInFlight = false;
                if (!ok) {
                    reset();
                }
            }
        }
        meter.acknowledged.addAndGet(n);
        if (ok) {
            send(); // the next at once, as fast as the PUBACKs come
        }
    }

    /** Forgets what is in flight and the open batch: read again from the lowest unacknowledged. */
    private void reset() {
        inFlight.clear();
        batchInFlight = false;
        builder = newBuilder();
        cursor = 0;
    }

    /** One attempt, as Paho's reconnect makes it: on failure the delay doubles (at most 120 s) and it tries again. */
    private void reconnect() {
        if (closed) {
            return;
        }
        try {
            client.connect(options, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    synchronized (PahoTerminal.this) {
                        delayMs = MIN_DELAY_MS;
                    }
                    meter.connections.incrementAndGet();
                    send(); // PER_SCAN: everything queued, at once
                }

                @Override
                public void onFailure(IMqttToken token, Throwable exception) {
                    synchronized (PahoTerminal.this) {
                        delayMs = Math.min(delayMs * 2, MAX_DELAY_MS);
                    }
                    scheduleReconnect();
                }
            });
        } catch (MqttException e) {
            synchronized (this) {
                delayMs = Math.min(delayMs * 2, MAX_DELAY_MS);
            }
            scheduleReconnect();
        }
    }

    private void scheduleReconnect() {
        long delay;
        synchronized (this) {
            delay = delayMs;
        }
        if (!closed) {
            scheduler.schedule(this::reconnect, delay, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized long decided() {
        return decided;
    }

    @Override
    public synchronized BitSet unsent() {
        BitSet bits = new BitSet();
        unacked.keySet().forEach(s -> bits.set(s.intValue()));
        return bits;
    }

    @Override
    public void close() {
        closed = true;
        try {
            client.disconnectForcibly(0, 1000, true);
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
        public void disconnected(MqttDisconnectResponse response) {
            synchronized (PahoTerminal.this) {
                generation++;
                reset();
            }
            scheduleReconnect();
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}
