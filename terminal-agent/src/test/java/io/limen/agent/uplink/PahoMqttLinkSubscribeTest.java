package io.limen.agent.uplink;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.testing.Mosquitto;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PahoMqttLink#subscribe} against a real mosquitto 2.0: a filter registered before the connect is
 * subscribed at the connect, retained messages come first and again after every reconnect (clean start),
 * live messages follow, wildcards match, a throwing handler does not end the connection.
 */
class PahoMqttLinkSubscribeTest {

    private static final String LISTS = "limen/site-1/lists";

    @TempDir
    Path dir;

    private Mosquitto broker;

    private record Got(String topic, String payload, boolean retained) {
    }

    @AfterEach
    void stopBroker() throws InterruptedException {
        if (broker != null) {
            broker.close();
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void subscribedBeforeTheConnect_getsRetainedThenLive_andTheRetainedAgainAfterEveryReconnect() throws Exception {
        broker = new Mosquitto(dir).start();
        List<Got> got = new CopyOnWriteArrayList<>();
        try (PahoMqttLink publisher = new PahoMqttLink(UplinkConfigs.forBroker(broker.uri(), "publisher"));
             PahoMqttLink link = new PahoMqttLink(UplinkConfigs.forBroker(broker.uri(), "door-3"))) {
            publisher.connect(reason -> { });
            assertEquals(PublishResult.Status.ACKNOWLEDGED,
                    publisher.send(LISTS + "/trust", utf8("trust-v1"), Map.of(), true).await().status());
            assertEquals(PublishResult.Status.ACKNOWLEDGED,
                    publisher.send("limen/site-2/lists/trust", utf8("other site"), Map.of(), true).await().status());

            link.subscribe(LISTS + "/#", (topic, payload, retained) -> got.add(new Got(topic, new String(payload, StandardCharsets.UTF_8), retained)));
            link.connect(reason -> { });
            await().atMost(Duration.ofSeconds(5)).until(() -> got.size() == 1);
            assertEquals(new Got(LISTS + "/trust", "trust-v1", true), got.getFirst());

            publisher.publish(LISTS + "/revocations/delta", utf8("delta-v2"), Map.of());
            await().atMost(Duration.ofSeconds(5)).until(() -> got.size() == 2);
            assertEquals(new Got(LISTS + "/revocations/delta", "delta-v2", false), got.get(1));

            link.disconnect();
            link.connect(reason -> { });
            await().atMost(Duration.ofSeconds(5)).until(() -> got.size() == 3);
            assertEquals(new Got(LISTS + "/trust", "trust-v1", true), got.get(2), "subscribed again after the reconnect");
            assertEquals(3, got.size(), "the other site's list and the unretained delta do not come");
        }
    }

    @Test
    void subscribedWhileConnected_aThrowingHandlerIsLogged_theConnectionAndOtherHandlersCarryOn() throws Exception {
        broker = new Mosquitto(dir).start();
        List<byte[]> got = new CopyOnWriteArrayList<>();
        try (PahoMqttLink publisher = new PahoMqttLink(UplinkConfigs.forBroker(broker.uri(), "publisher"));
             PahoMqttLink link = new PahoMqttLink(UplinkConfigs.forBroker(broker.uri(), "door-3"))) {
            publisher.connect(reason -> { });
            link.connect(reason -> { });
            link.subscribe("limen/site-1/throttle", (topic, payload, retained) -> {
                throw new IllegalStateException("handler bug");
            });
            link.subscribe(LISTS + "/trust", (topic, payload, retained) -> got.add(payload));

            publisher.publish("limen/site-1/throttle", utf8("slow down"), Map.of());
            publisher.publish(LISTS + "/trust", utf8("one"), Map.of());
            publisher.publish("limen/site-1/throttle", utf8("slow down"), Map.of());
            publisher.publish(LISTS + "/trust", utf8("two"), Map.of());

            await().atMost(Duration.ofSeconds(5)).until(() -> got.size() == 2);
            assertArrayEquals(utf8("two"), got.get(1));
            assertEquals(2, got.size());
            assertTrue(link.isConnected());
        }
    }

    @Test
    void anInvalidFilterIsRefused_withTheFilterInTheMessage() throws Exception {
        try (PahoMqttLink link = new PahoMqttLink(UplinkConfigs.forBroker("tcp://127.0.0.1:1", "door-3"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> link.subscribe("limen/#/lists", (topic, payload, retained) -> { }));
            assertTrue(e.getMessage().contains("limen/#/lists"), e.getMessage());
        }
    }
}
