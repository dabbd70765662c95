package io.limen.agent.uplink;

import java.util.Map;

/**
 * One MQTT 5 connection to the central broker, made by hand: {@link #connect} is one attempt and never
 * retries ({@link ReconnectLoop} decides when to try again). Mostly it publishes (the uplink); it also
 * {@link #subscribe subscribes}, for what comes down (signed lists, a server's throttle). {@link PahoMqttLink} is the real one; a
 * test or a future client stands in behind this interface.
 */
public interface MqttLink extends AutoCloseable {

    /**
     * Connects once, waiting at most the configured connect timeout for the CONNACK.
     *
     * @param onLost told once, on a client thread, when this connection ends other than by {@link #disconnect}
     * @throws LinkException if the broker refuses (its CONNACK reason code), cannot be reached, or the
     *                       timeout passes; the link is then disconnected and may be connected again
     */
    void connect(ConnectionLost onLost) throws LinkException;

    /**
     * Publishes at QoS 1 and waits at most the configured publish timeout for the PUBACK. Never throws:
     * every outcome, a PUBACK with a failure reason code included, is in the result.
     *
     * @param userProperties MQTT 5 user properties, in iteration order
     */
    default PublishResult publish(String topic, byte[] payload, Map<String, String> userProperties) {
        return send(topic, payload, userProperties, false).await();
    }

    /**
     * Publishes at QoS 1 without waiting for the PUBACK, so that several messages can be in flight;
     * {@link Delivery#await} waits for it. Never throws: a message that could not be sent is a delivery
     * whose result is {@link PublishResult.Status#FAILED}.
     *
     * @param userProperties MQTT 5 user properties, in iteration order
     * @param retained       whether the broker keeps it as the topic's last message for late subscribers
     */
    Delivery send(String topic, byte[] payload, Map<String, String> userProperties, boolean retained);

    /**
     * Subscribes at QoS 1 to {@code topicFilter} (MQTT wildcards {@code +} and {@code #} allowed) for the
     * life of the link: at once when a connection is up, and again after every connect. The broker sends
     * the filter's retained messages when the subscription is new to it — the link's first connect starts
     * a clean session — but not again after a reconnect that resumed the session (MQTT 5 Retain Handling
     * 1, "only if the subscription does not exist"): what was published meanwhile comes queued in the
     * session instead; a session the broker let expire is a new one, and its retained messages come again.
     * {@link #resend} asks for them on purpose. A handler must still take a message it already has in its
     * stride. Filters should not overlap: the broker sends a message once per matching subscription, and
     * each copy goes to every handler whose filter matches.
     *
     * @param handler told of every message whose topic matches, on the MQTT client's thread, in the order
     *                the broker sends them; it must return quickly (hand the message on) and not throw
     *                (a throw is logged, never passed to the client, which would drop the connection)
     * @throws LinkException if a connection is up and the broker refuses the subscription (its SUBACK
     *                       reason code, 0x80 and up) or does not answer within the connect timeout; the
     *                       filter stays registered and is tried again at the next connect. A refusal
     *                       at a reconnect is logged at WARN and does not fail the connect
     * @throws IllegalArgumentException if {@code topicFilter} is not a valid MQTT topic filter
     */
    void subscribe(String topicFilter, MessageHandler handler) throws LinkException;

    /**
     * Asks the broker for the retained messages of {@code topicFilter}, a filter {@linkplain #subscribe
     * subscribed} on this link, once more (a subscription renewed with Retain Handling 0): at once when a
     * connection is up, else at the next connect. For a receiver that dropped what it had (an incomplete
     * snapshot past its timeout).
     *
     * @throws LinkException if the broker refuses or does not answer; by default, a link that cannot ask
     */
    default void resend(String topicFilter) throws LinkException {
        throw new LinkException(getClass().getSimpleName() + " cannot ask the broker for the retained messages of "
                + topicFilter + " again", -1, null);
    }

    /** Whether a connection is up now. */
    boolean isConnected();

    /** Ends the connection cleanly (a DISCONNECT, so the broker does not publish the will); does nothing if none is up. */
    void disconnect();

    /** Disconnects and frees the client's threads; the link cannot be used again. */
    @Override
    void close();

    /** A message sent at QoS 1 whose PUBACK is awaited. */
    @FunctionalInterface
    interface Delivery {
        /**
         * Waits at most the configured publish timeout for the PUBACK and says what became of the message;
         * never throws. Call it once.
         */
        PublishResult await();

        /** A message that never left: its result is known already. */
        static Delivery done(PublishResult result) {
            return () -> result;
        }
    }

    /** Hears the messages of a {@link #subscribe subscription}. */
    @FunctionalInterface
    interface MessageHandler {
        /**
         * @param topic    the message's topic (not the filter)
         * @param payload  its bytes (shared with any other handler whose filter matches: read, never change them)
         * @param retained whether the broker sent it from its store (at subscribe time) rather than live
         */
        void arrived(String topic, byte[] payload, boolean retained);
    }

    /** Hears that a connection ended without {@link #disconnect}. */
    @FunctionalInterface
    interface ConnectionLost {
        /** @param reason what ended it, for a log line */
        void lost(String reason);
    }
}
