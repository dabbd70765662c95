package io.limen.agent.uplink;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.agent.time.RestartSchedule;
import io.limen.testing.Mosquitto;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The link against a real mosquitto 2.0 on a free loopback port (installed by .ci/run): QoS 1 with a
 * PUBACK, a broker down at start and one restarted (the loop retries with jittered backoff, time
 * stepped), and the retained {@code offline} will when the connection dies.
 */
class PahoMqttLinkMosquittoTest {

    private static final byte[] PAYLOAD = "{\"batch\":1}".getBytes(StandardCharsets.UTF_8);
    private static final String SCANS = "limen/site-1/door-3/scans";

    @TempDir
    Path dir;

    private final LockedTime time = new LockedTime();
    private final Events events = new Events();
    private final RestartSchedule backoff = new RestartSchedule(UplinkConfigs.BACKOFF_INITIAL, UplinkConfigs.BACKOFF_MAX,
            UplinkConfigs.RESET, new SplittableRandom(11));
    private Mosquitto broker;

    @AfterEach
    void stopBroker() throws InterruptedException {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void connectsAndPublishesQos1_theBrokerAcknowledges_andSubscribersGetPayloadAndUserProperties() throws Exception {
        broker = new Mosquitto(dir).start();
        try (Subscriber subscriber = new Subscriber(broker.uri(), SCANS);
             PahoMqttLink link = new PahoMqttLink(UplinkConfigs.forBroker(broker.uri(), "door-3"))) {
            link.connect(reason -> { });
            assertTrue(link.isConnected());

            PublishResult result = link.publish(SCANS, PAYLOAD, Map.of("schema", "1"));

            assertEquals(PublishResult.Status.ACKNOWLEDGED, result.status(), result.detail());
            assertEquals(0x00, result.reasonCode());
            await().atMost(Duration.ofSeconds(5)).until(() -> !subscriber.received.isEmpty());
            Subscriber.Received got = subscriber.received.getFirst();
            assertEquals(SCANS, got.topic());
            assertEquals(new String(PAYLOAD, StandardCharsets.UTF_8), new String(got.message().getPayload(), StandardCharsets.UTF_8));
            assertEquals(1, got.message().getQos());
            assertEquals(List.of(new UserProperty("schema", "1")), got.message().getProperties().getUserProperties());
        }
    }

    @Test
    void brokerDownAtStart_theLoopRetriesWithJitteredBackoff_connectsOnceStarted_andResetsAfterStayingUp() throws Exception {
        broker = new Mosquitto(dir);
        try (PahoMqttLink link = new PahoMqttLink(UplinkConfigs.forBroker(broker.uri(), "door-3"));
             ReconnectLoop loop = new ReconnectLoop(link, time, backoff, UplinkConfigs.RESET, events)) {
            loop.start();
            time.runDue();
            for (int n = 1; n <= 4; n++) {
                Events.Retry retry = events.lastRetry();
                assertEquals(n, retry.failuresInARow(), "the failed first connect is retried too");
                assertTrue(retry.delay().compareTo(backoff.ceiling(n)) <= 0, retry + " within " + backoff.ceiling(n));
                if (n < 4) {
                    time.advance(retry.delay());
                }
            }
            assertTrue(events.retries.stream().anyMatch(r -> r.delay().compareTo(backoff.ceiling(r.failuresInARow())) < 0),
                    "full jitter: waits fall below their ceilings " + events.retries);
            assertEquals(0, events.connected);

            broker.start();
            time.advance(events.lastRetry().delay());

            assertEquals(1, events.connected);
            assertTrue(loop.isUp());
            assertEquals(PublishResult.Status.ACKNOWLEDGED, link.publish(SCANS, PAYLOAD, Map.of()).status());
            assertEquals(4, loop.failuresInARow(), "the count starts again only after the connection stayed up");
            time.advance(UplinkConfigs.RESET);
            assertEquals(0, loop.failuresInARow());
        }
    }

    @Test
    void brokerStoppedAndRestarted_theLinkNoticesAndReconnects() throws Exception {
        broker = new Mosquitto(dir).start();
        try (PahoMqttLink link = new PahoMqttLink(UplinkConfigs.forBroker(broker.uri(), "door-3"));
             ReconnectLoop loop = new ReconnectLoop(link, time, backoff, UplinkConfigs.RESET, events)) {
            loop.start();
            time.runDue();
            assertEquals(1, events.connected);

            broker.stop();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                time.runDue();
                return !events.lost.isEmpty();
            });
            assertFalse(loop.isUp());
            assertEquals(1, events.lastRetry().failuresInARow());
            assertEquals(PublishResult.Status.FAILED, link.publish(SCANS, PAYLOAD, Map.of()).status());

            time.advance(events.lastRetry().delay());
            assertEquals(2, events.lastRetry().failuresInARow(), "still down: the loop backs off further");

            broker.start();
            time.advance(events.lastRetry().delay());

            assertEquals(2, events.connected);
            assertTrue(loop.isUp());
            assertEquals(PublishResult.Status.ACKNOWLEDGED, link.publish(SCANS, PAYLOAD, Map.of()).status());
        }
    }

    @Test
    void connectionDies_theBrokerPublishesTheRetainedOfflineWill() throws Exception {
        broker = new Mosquitto(dir).start();
        String status = "limen/site-1/door-3/status";
        try (TcpCutter network = new TcpCutter(URI.create(broker.uri()).getPort());
             PahoMqttLink link = new PahoMqttLink(UplinkConfigs.forBroker(network.uri(), "door-3"))) {
            link.connect(reason -> { });
            assertTrue(link.isConnected());

            network.cut();

            // A subscriber that comes later still finds the will: retained.
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                try (Subscriber late = new Subscriber(broker.uri(), status)) {
                    return await().atMost(Duration.ofSeconds(1)).until(() -> late.received, r -> !r.isEmpty()).stream()
                            .anyMatch(r -> r.message().isRetained()
                                    && "offline".equals(new String(r.message().getPayload(), StandardCharsets.UTF_8)));
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    return false;
                }
            });
        }
    }

    @Test
    void cleanDisconnect_sendsNoWill() throws Exception {
        broker = new Mosquitto(dir).start();
        String status = "limen/site-1/door-3/status";
        try (Subscriber subscriber = new Subscriber(broker.uri(), status)) {
            try (PahoMqttLink link = new PahoMqttLink(UplinkConfigs.forBroker(broker.uri(), "door-3"))) {
                link.connect(reason -> { });
                link.disconnect();
                assertFalse(link.isConnected());
            }
            // The marker is published after the disconnect; once it arrives, a will would have arrived before it.
            try (PahoMqttLink other = new PahoMqttLink(UplinkConfigs.forBroker(broker.uri(), "marker"))) {
                other.connect(reason -> { });
                assertTrue(other.publish(status, "marker".getBytes(StandardCharsets.UTF_8), Map.of()).acknowledged());
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> !subscriber.received.isEmpty());
            assertEquals("marker", new String(subscriber.received.getFirst().message().getPayload(), StandardCharsets.UTF_8));
        }
    }
}
