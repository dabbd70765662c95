package io.limen.provisioning.telemetry;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import javax.net.ssl.SSLSocketFactory;
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
 * The consumer's MQTT 5 side, on Eclipse Paho mqttv5 1.2.5: connects, subscribes to the batches with a
 * shared subscription ({@link SubscriberSettings#scansFilter()}) and, with presence, to every terminal's
 * status, heartbeat and alarms, and hands each message to the {@link TelemetryConsumer} on Paho's callback
 * thread. Paho acknowledges a QoS 1 message when that call returns, so a batch is acknowledged only
 * once its scans are written; if writing fails, the subscriber stops and reports it ({@link #failure()}).
 *
 * <p>Around Paho's known defects: memory persistence (the default writes a folder into the working
 * directory), the client callback only (per-subscription listeners throw in 1.2.5), our own connect
 * timeout, and our own reconnect loop instead of Paho's (which doubles without jitter and never retries a
 * failed first connect): every failed connect or lost connection waits a {@link Backoff} with full
 * jitter; the count starts again once a connection stayed up {@code backoffReset}. Every connect
 * subscribes again (a broker that restarted without persistence has forgotten the session).
 */
public final class TelemetrySubscriber implements AutoCloseable {

    private static final int KEEP_ALIVE_S = 30;
    private static final int QOS_1 = 1;

    private final SubscriberSettings settings;
    private final TelemetryConsumer consumer;
    private final PrintWriter events;
    private final Clock clock;
    private final RandomGenerator random;
    private final boolean endSessionOnClose;
    private final SSLSocketFactory tls;
    private final Object lock = new Object();
    private final CompletableFuture<Exception> failure = new CompletableFuture<>();
    private volatile boolean closed;
    private volatile MqttAsyncClient client;
    private volatile CompletableFuture<String> lost;
    private Thread loop;

    /**
     * @param endSessionOnClose whether {@link #close()} ends the broker's session too (for a generated client
     *                          id, whose session nobody would resume: left, it would take its share of
     *                          the batches into a queue no one reads)
     * @throws IOException if the settings' CA file cannot be read or holds no certificate (the message names it)
     */
    public TelemetrySubscriber(SubscriberSettings settings, TelemetryConsumer consumer, PrintWriter events, Clock clock,
                               RandomGenerator random, boolean endSessionOnClose) throws IOException {
        this.settings = Objects.requireNonNull(settings, "settings must not be null");
        this.consumer = Objects.requireNonNull(consumer, "consumer must not be null");
        this.events = Objects.requireNonNull(events, "events must not be null");
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
        this.random = Objects.requireNonNull(random, "random must not be null");
        this.endSessionOnClose = endSessionOnClose;
        this.tls = settings.caFile().isPresent() ? CaTrust.socketFactory(settings.caFile().get()) : null;
    }

    /** Starts connecting on a thread of its own; returns at once. */
    public synchronized void start() {
        if (loop != null) {
            throw new IllegalStateException("already started");
        }
        loop = Thread.ofPlatform().name("consume-connect").daemon().start(this::run);
    }

    /** Completes with the exception that stopped the subscriber (the scan output failed); never completes otherwise. */
    public CompletableFuture<Exception> failure() {
        return failure;
    }

    /** Whether a connection is up and subscribed. */
    public boolean isConnected() {
        MqttAsyncClient c = client;
        return c != null && c.isConnected() && lost != null && !lost.isDone();
    }

    private void run() {
        int failures = 0;
        while (!closed) {
            long upSince = -1;
            try {
                connect();
                upSince = System.nanoTime();
                say("connected to " + settings.brokerUri() + " as " + settings.clientId() + "; subscribed to "
                        + String.join(", ", filters()));
                String why = lost.join();
                if (!closed) {
                    say("connection lost: " + why);
                }
            } catch (MqttException e) {
                say("cannot connect to " + settings.brokerUri() + ": " + describe(e));
            } catch (SubscribeRefused e) {
                say("cannot subscribe: " + e.getMessage());
            }
            dropClient(false);
            if (closed) {
                return;
            }
            if (upSince >= 0 && System.nanoTime() - upSince >= settings.backoffReset().toNanos()) {
                failures = 0;
            }
            failures++;
            long delay = settings.backoff().delayMillis(failures, random);
            say("attempt " + (failures + 1) + " in " + delay + " ms");
            pause(delay);
        }
    }

    private void connect() throws MqttException, SubscribeRefused {
        MqttAsyncClient c = new MqttAsyncClient(settings.brokerUri(), settings.clientId(), new MemoryPersistence());
        CompletableFuture<String> whenLost = new CompletableFuture<>();
        c.setCallback(new Callback(whenLost));
        client = c;
        lost = whenLost;
        long timeout = settings.connectTimeout().toMillis();
        c.connect(options()).waitForCompletion(timeout);
        IMqttToken subscribed = c.subscribe(subscriptions());
        subscribed.waitForCompletion(timeout);
        int[] codes = subscribed.getReasonCodes();
        List<String> filters = filters();
        for (int i = 0; codes != null && i < codes.length; i++) {
            if (codes[i] >= 0x80) {
                throw new SubscribeRefused("the broker refused " + (i < filters.size() ? filters.get(i) : "a filter")
                        + " with reason code 0x" + Integer.toHexString(codes[i])
                        + (codes[i] == 0x9E ? " (shared subscriptions not supported)" : ""));
            }
        }
    }

    private MqttConnectionOptions options() {
        MqttConnectionOptions options = new MqttConnectionOptions();
        // A session kept while away: the broker queues this instance's share of the batches meanwhile.
        options.setCleanStart(false);
        options.setSessionExpiryInterval(settings.sessionExpiry().toSeconds());
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout((int) Math.max(1, (settings.connectTimeout().toMillis() + 999) / 1000));
        options.setKeepAliveInterval(KEEP_ALIVE_S);
        if (tls != null) {
            options.setSocketFactory(tls);
            options.setHttpsHostnameVerificationEnabled(true); // Paho's default; said here because it matters
        }
        return options;
    }

    private List<String> filters() {
        List<String> filters = new ArrayList<>(List.of(settings.scansFilter()));
        if (settings.presence()) {
            filters.add(settings.prefixFilter() + "/" + TelemetryConsumer.STATUS);
            filters.add(settings.prefixFilter() + "/" + TelemetryConsumer.HEARTBEAT);
            filters.add(settings.prefixFilter() + "/" + TelemetryConsumer.ALARMS);
        }
        return filters;
    }

    private MqttSubscription[] subscriptions() {
        return filters().stream().map(f -> new MqttSubscription(f, QOS_1)).toArray(MqttSubscription[]::new);
    }

    private void pause(long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (lock) {
            long left;
            while (!closed && (left = end - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Stops the loop and disconnects (ending the session if so made); waits up to the connect timeout. */
    @Override
    public void close() {
        closed = true;
        synchronized (lock) {
            lock.notifyAll();
        }
        CompletableFuture<String> l = lost;
        if (l != null) {
            l.complete("closed");
        }
        Thread t;
        synchronized (this) {
            t = loop;
        }
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(settings.connectTimeout().toMillis() * 2 + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        dropClient(true);
    }

    /** Disconnects (cleanly when asked, ending the session if so made) and closes the client. */
    private void dropClient(boolean clean) {
        MqttAsyncClient c = client;
        client = null;
        if (c == null) {
            return;
        }
        long timeout = settings.connectTimeout().toMillis();
        try {
            if (c.isConnected()) {
                if (clean) {
                    MqttProperties properties = new MqttProperties();
                    if (endSessionOnClose) {
                        properties.setSessionExpiryInterval(0L);
                    }
                    c.disconnect(timeout, null, null, 0, properties).waitForCompletion(timeout);
                } else {
                    c.disconnectForcibly(0, 100, false);
                }
            }
        } catch (MqttException e) {
            // Going away anyway.
        }
        try {
            c.close(true);
        } catch (MqttException e) {
            // Going away anyway.
        }
    }

    private void say(String line) {
        synchronized (events) {
            events.println(clock.instant().truncatedTo(ChronoUnit.MILLIS) + " " + line);
            events.flush();
        }
    }

    private static String describe(MqttException e) {
        int code = e.getReasonCode();
        if (code >= 0x80 && code <= 0xFF) {
            return "CONNACK reason code 0x" + Integer.toHexString(code);
        }
        Throwable cause = e.getCause();
        return cause != null ? cause.toString() : e.getMessage();
    }

    /** The first value of each user property (MQTT 5 allows a name twice; the contract's names appear once). */
    static Map<String, String> userProperties(MqttProperties properties) {
        Map<String, String> map = new HashMap<>();
        if (properties != null && properties.getUserProperties() != null) {
            for (UserProperty p : properties.getUserProperties()) {
                map.putIfAbsent(p.getKey(), p.getValue());
            }
        }
        return map;
    }

    private static final class SubscribeRefused extends Exception {
        SubscribeRefused(String message) {
            super(message);
        }
    }

    /** The client callback (never per-subscription listeners). */
    private final class Callback implements MqttCallback {

        private final CompletableFuture<String> whenLost;

        Callback(CompletableFuture<String> whenLost) {
            this.whenLost = whenLost;
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            MqttException e = response.getException();
            whenLost.complete(e != null ? String.valueOf(e.getCause() != null ? e.getCause() : e.getMessage())
                    : "the broker sent DISCONNECT with reason code 0x" + Integer.toHexString(response.getReturnCode()));
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            say("MQTT protocol error: " + exception.getMessage());
        }

        /** Runs on Paho's callback thread; Paho acknowledges the message when this returns. */
        @Override
        public void messageArrived(String topic, MqttMessage message) throws Exception {
            Instant now = clock.instant();
            try {
                if (topic.endsWith("/" + TelemetryConsumer.SCANS)) {
                    consumer.batch(topic, message.getPayload(), userProperties(message.getProperties()), now);
                } else if (topic.endsWith("/" + TelemetryConsumer.STATUS)) {
                    consumer.status(topic, message.getPayload(), now);
                } else if (topic.endsWith("/" + TelemetryConsumer.HEARTBEAT)) {
                    consumer.heartbeat(topic, now);
                } else if (topic.endsWith("/" + TelemetryConsumer.ALARMS)) {
                    consumer.alarms(topic, message.getPayload());
                }
            } catch (Exception e) {
                // The output failed: stop here, unacknowledged (throwing makes Paho drop the connection).
                failure.complete(e);
                closed = true;
                whenLost.complete("the scan output failed: " + e);
                throw e;
            }
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // This client publishes nothing.
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            // connect() waits on its token.
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // No enhanced authentication.
        }
    }
}
