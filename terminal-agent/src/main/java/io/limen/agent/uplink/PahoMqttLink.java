package io.limen.agent.uplink;

import io.limen.config.UplinkConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.eclipse.paho.mqttv5.common.util.MqttTopicValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MqttLink} on Eclipse Paho mqttv5 1.2.5, set up around its known defects:
 * <ul>
 *   <li>memory persistence: the default constructor writes a persistence folder into the working
 *       directory, and the outbox is our persistence anyway;</li>
 *   <li>automatic reconnect off: it doubles without jitter and never retries a failed first connect
 *       ({@link ReconnectLoop} does it instead);</li>
 *   <li>our own connect and PUBACK timeouts (a connect can otherwise hang on a silent broker);</li>
 *   <li>a PUBACK's reason code read from the token: Paho completes a PUBACK carrying 0x80 or 0x97 Quota
 *       exceeded as if it succeeded;</li>
 *   <li>the client callback only, never per-subscription listeners (they throw in 1.2.5): it hands each
 *       message to the handlers whose filter matches;</li>
 *   <li>subscriptions kept here and made again after every connect (a session the broker let expire
 *       forgets them).</li>
 * </ul>
 * The first connect starts clean (a new process gets every retained message of its filters once);
 * every later one resumes the session (clean start off, the configured session expiry), and the
 * subscriptions ask for retained messages only when new to the broker (Retain Handling 1), so a
 * reconnect does not download every retained list again: what was published while the link was down
 * comes queued in the session. A retained {@code offline} last will on
 * {@code <prefix>/status}; TLS trusting only the configured CA file when there is one.
 * Thread-safe: calls are serialised on this object.
 */
public final class PahoMqttLink implements MqttLink {

    /** The will's topic under the prefix, and its retained payload. */
    public static final String STATUS_TOPIC = "status";
    public static final String OFFLINE = "offline";

    /** Seconds between PINGREQs when nothing else is sent. */
    private static final int KEEP_ALIVE_S = 30;
    private static final int QOS_1 = 1;

    private static final Logger log = LoggerFactory.getLogger(PahoMqttLink.class);

    private final UplinkConfig config;
    private final MqttConnectionOptions options;
    private volatile MqttAsyncClient client;
    private volatile ConnectionLost onLost;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    /** Whether a connect has succeeded: later ones resume its session. */
    private boolean sessionStarted;
    /** Filters whose retained messages are to be asked for again at the next connect ({@link #resend} while down). */
    private final java.util.Set<String> resendAtConnect = new java.util.HashSet<>();

    /** MQTT 5 Retain Handling: 0 send the retained messages at subscribe, 1 only if the subscription is new. */
    private static final int RETAIN_ALWAYS = 0;
    private static final int RETAIN_IF_NEW = 1;

    private record Subscription(String filter, MessageHandler handler) {
    }

    /** @throws LinkException if the CA file cannot be read or holds no certificate */
    public PahoMqttLink(UplinkConfig config) throws LinkException {
        this.config = Objects.requireNonNull(config, "config must not be null");
        this.options = options(config);
    }

    private static MqttConnectionOptions options(UplinkConfig config) throws LinkException {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setSessionExpiryInterval(config.sessionExpiry().getSeconds());
        options.setAutomaticReconnect(false);
        // Paho's own timeout is whole seconds; ours (waitForCompletion) is the one that counts.
        options.setConnectionTimeout((int) Math.max(1, (config.connectTimeout().toMillis() + 999) / 1000));
        options.setKeepAliveInterval(KEEP_ALIVE_S);
        MqttMessage will = new MqttMessage(OFFLINE.getBytes(StandardCharsets.UTF_8), QOS_1, true, null);
        options.setWill(config.topic(STATUS_TOPIC), will);
        if (config.caFile().isPresent()) {
            options.setSocketFactory(CaTrust.socketFactory(config.caFile().get()));
        }
        return options;
    }

    @Override
    public synchronized void connect(ConnectionLost onLost) throws LinkException {
        Objects.requireNonNull(onLost, "onLost must not be null");
        if (client != null && client.isConnected()) {
            return;
        }
        dropClient();
        try {
            client = new MqttAsyncClient(config.brokerUri(), config.clientId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new LinkException("cannot create the MQTT client for " + config.brokerUri() + ": " + e.getMessage(), -1, e);
        }
        client.setCallback(new Callback(client));
        this.onLost = onLost;
        options.setCleanStart(!sessionStarted);
        try {
            IMqttToken token = client.connect(options);
            token.waitForCompletion(config.connectTimeout().toMillis());
            log.debug("MQTT: connected, {}", token.getSessionPresent() ? "session resumed" : "new session");
        } catch (MqttException e) {
            dropClient();
            throw failure(e);
        }
        sessionStarted = true;
        for (Subscription subscription : subscriptions) {
            String filter = subscription.filter();
            try {
                subscribeNow(filter, resendAtConnect.contains(filter) ? RETAIN_ALWAYS : RETAIN_IF_NEW);
                resendAtConnect.remove(filter);
            } catch (LinkException e) {
                log.warn("MQTT: {}; tried again at the next connect", e.getMessage());
            }
        }
    }

    @Override
    public synchronized void subscribe(String topicFilter, MessageHandler handler) throws LinkException {
        Objects.requireNonNull(topicFilter, "topicFilter must not be null");
        Objects.requireNonNull(handler, "handler must not be null");
        try {
            MqttTopicValidator.validate(topicFilter, true, true);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an MQTT topic filter: \"" + topicFilter + "\" (" + e.getMessage() + ")", e);
        }
        subscriptions.add(new Subscription(topicFilter, handler));
        if (client != null && client.isConnected()) {
            subscribeNow(topicFilter, RETAIN_IF_NEW);
        }
    }

    @Override
    public synchronized void resend(String topicFilter) throws LinkException {
        if (subscriptions.stream().noneMatch(s -> s.filter().equals(topicFilter))) {
            throw new IllegalArgumentException("\"" + topicFilter + "\" is not a filter subscribed on this link");
        }
        if (client != null && client.isConnected()) {
            subscribeNow(topicFilter, RETAIN_ALWAYS);
        } else {
            resendAtConnect.add(topicFilter);
        }
    }

    /**
     * One SUBSCRIBE at QoS 1 with {@code retainHandling}, waiting at most the connect timeout for the
     * SUBACK; called holding this object. A SUBSCRIBE of a filter the session has replaces its subscription.
     */
    private void subscribeNow(String filter, int retainHandling) throws LinkException {
        try {
            MqttSubscription subscription = new MqttSubscription(filter, QOS_1);
            subscription.setRetainHandling(retainHandling);
            IMqttToken token = client.subscribe(subscription);
            token.waitForCompletion(config.connectTimeout().toMillis());
            int code = pubackCode(token);
            if (code >= 0x80) {
                throw new LinkException("broker refused the subscription to " + filter + ": SUBACK reason code "
                        + PublishResult.hex(code), code, null);
            }
        } catch (MqttException e) {
            int code = e.getReasonCode();
            throw new LinkException("cannot subscribe to " + filter + ": " + (code >= 0x80 && code <= 0xFF
                    ? "SUBACK reason code " + PublishResult.hex(code) : e.getMessage()), code >= 0x80 && code <= 0xFF ? code : -1, e);
        }
    }

    private LinkException failure(MqttException e) {
        int code = e.getReasonCode();
        if (code >= 0x80 && code <= 0xFF) {
            return new LinkException("broker refused the connect: CONNACK reason code " + PublishResult.hex(code), code, e);
        }
        if (code == MqttClientException.REASON_CODE_CLIENT_TIMEOUT) {
            return new LinkException("no CONNACK from " + config.brokerUri() + " within "
                    + config.connectTimeout().toMillis() + " ms", -1, e);
        }
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return new LinkException("cannot connect to " + config.brokerUri() + ": " + cause, -1, e);
    }

    @Override
    public Delivery send(String topic, byte[] payload, Map<String, String> userProperties, boolean retained) {
        Objects.requireNonNull(topic, "topic must not be null");
        Objects.requireNonNull(payload, "payload must not be null");
        Objects.requireNonNull(userProperties, "userProperties must not be null");
        MqttMessage message = new MqttMessage(payload, QOS_1, retained, properties(userProperties));
        IMqttToken token;
        synchronized (this) {
            if (client == null || !client.isConnected()) {
                return Delivery.done(new PublishResult(PublishResult.Status.FAILED, -1, "not connected"));
            }
            try {
                token = client.publish(topic, message);
            } catch (MqttException e) {
                return Delivery.done(new PublishResult(PublishResult.Status.FAILED, -1, "publish failed: " + e.getMessage()));
            }
        }
        return () -> awaitPuback(token);
    }

    private PublishResult awaitPuback(IMqttToken token) {
        try {
            token.waitForCompletion(config.publishTimeout().toMillis());
        } catch (MqttException e) {
            if (e.getReasonCode() == MqttClientException.REASON_CODE_CLIENT_TIMEOUT) {
                return new PublishResult(PublishResult.Status.TIMED_OUT, -1,
                        "no PUBACK within " + config.publishTimeout().toMillis() + " ms");
            }
            int code = e.getReasonCode();
            return code >= 0x80 && code <= 0xFF
                    ? new PublishResult(PublishResult.Status.REJECTED, code, "PUBACK reason code " + PublishResult.hex(code))
                    : new PublishResult(PublishResult.Status.FAILED, -1, "publish failed: " + e.getMessage());
        }
        int code = pubackCode(token);
        return code >= 0x80
                ? new PublishResult(PublishResult.Status.REJECTED, code, "PUBACK reason code " + PublishResult.hex(code))
                : new PublishResult(PublishResult.Status.ACKNOWLEDGED, code, "PUBACK reason code " + PublishResult.hex(code));
    }

    /** The PUBACK's reason code: the token's, else the response packet's; the highest if there are several. */
    private static int pubackCode(IMqttToken token) {
        int[] codes = token.getReasonCodes();
        if ((codes == null || codes.length == 0) && token.getResponse() != null) {
            codes = token.getResponse().getReasonCodes();
        }
        int worst = 0;
        if (codes != null) {
            for (int code : codes) {
                worst = Math.max(worst, code);
            }
        }
        return worst;
    }

    private static MqttProperties properties(Map<String, String> userProperties) {
        MqttProperties properties = new MqttProperties();
        List<UserProperty> list = new ArrayList<>();
        userProperties.forEach((k, v) -> list.add(new UserProperty(k, v)));
        properties.setUserProperties(list);
        return properties;
    }

    @Override
    public synchronized boolean isConnected() {
        return client != null && client.isConnected();
    }

    @Override
    public synchronized void disconnect() {
        onLost = null;
        if (client != null && client.isConnected()) {
            try {
                client.disconnect(config.connectTimeout().toMillis()).waitForCompletion(config.connectTimeout().toMillis());
            } catch (MqttException e) {
                log.debug("uplink disconnect: {}", e.getMessage());
            }
        }
        dropClient();
    }

    @Override
    public synchronized void close() {
        disconnect();
    }

    /** Forcibly ends and closes the current client, so that a failed or hung one never lingers. */
    private void dropClient() {
        MqttAsyncClient old = client;
        client = null;
        if (old == null) {
            return;
        }
        try {
            if (old.isConnected()) {
                old.disconnectForcibly(0, 100, false);
            }
        } catch (MqttException e) {
            log.debug("uplink forcible disconnect: {}", e.getMessage());
        }
        try {
            old.close(true);
        } catch (MqttException e) {
            log.debug("uplink client close: {}", e.getMessage());
        }
    }

    /** The client callback (never per-subscription listeners): the loss of the connection, and arriving messages. */
    private final class Callback implements MqttCallback {

        private final MqttAsyncClient owner;

        Callback(MqttAsyncClient owner) {
            this.owner = owner;
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            ConnectionLost listener = onLost;
            if (listener == null || owner != client) {
                return;
            }
            onLost = null;
            MqttException e = response.getException();
            int code = response.getReturnCode();
            String reason = e != null ? "connection lost: " + (e.getCause() != null ? e.getCause() : e.getMessage())
                    : "broker sent DISCONNECT with reason code " + PublishResult.hex(code);
            listener.lost(reason);
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            log.warn("uplink: MQTT protocol error: {}", exception.getMessage());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            for (Subscription subscription : subscriptions) {
                if (MqttTopicValidator.isMatched(subscription.filter(), topic)) {
                    try {
                        subscription.handler().arrived(topic, message.getPayload(), message.isRetained());
                    } catch (RuntimeException e) {
                        log.error("MQTT: the handler of {} failed on a message of {}: {}", subscription.filter(), topic, e.toString());
                    }
                }
            }
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // publish() waits on the token itself.
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            // connect() waits on the token itself.
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // No enhanced authentication.
        }
    }
}
