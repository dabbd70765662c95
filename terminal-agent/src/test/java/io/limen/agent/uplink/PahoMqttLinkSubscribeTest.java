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
 * subscribed at the connect, retained messages come first in a new session but not again after a reconnect
 * that resumed it (Retain Handling 1; counted in messages and bytes), what was published meanwhile comes
 * queued, {@link PahoMqttLink#resend} asks for them again, wildcards match, a throwing handler does not
 * end the connection.
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

    /** What a link received: messages and payload bytes, in order. */
    private static final class Received implements PahoMqttLink.MessageHandler {
        final List<Got> got = new CopyOnWriteArrayList<>();
        final java.util.concurrent.atomic.AtomicLong bytes = new java.util.concurrent.atomic.AtomicLong();

        @Override
        public void arrived(String topic, byte[] payload, boolean retained) {
            bytes.addAndGet(payload.length);
            got.add(new Got(topic, payload.length > 64 ? payload.length + " bytes" : new String(payload, StandardCharsets.UTF_8), retained));
        }

        /** Waits for the marker, published live after everything else: all that came before it has come. */
        List<Got> until(String marker) {
            await().atMost(Duration.ofSeconds(5)).until(() -> got.stream().anyMatch(g -> g.payload().equals(marker)));
            return List.copyOf(got);
        }

        void clear() {
            got.clear();
            bytes.set(0);
        }
    }

    private static final int LIST_BYTES = 256 * 1024;

    private static void retain(PahoMqttLink publisher, String topic, int bytes) {
        assertEquals(PublishResult.Status.ACKNOWLEDGED, publisher.send(topic, new byte[bytes], Map.of(), true).await().status());
    }

    @Test
    void aReconnect_resumesTheSession_theRetainedListsDoNotComeAgain_onlyWhatWasPublishedWhileDown() throws Exception {
        broker = new Mosquitto(dir).start();
        Received received = new Received();
        try (PahoMqttLink publisher = new PahoMqttLink(UplinkConfigs.forBroker(broker.uri(), "publisher"));
             PahoMqttLink link = new PahoMqttLink(UplinkConfigs.forBroker(broker.uri(), "door-3"))) {
            publisher.connect(reason -> { });
            retain(publisher, LISTS + "/trust", LIST_BYTES);
            retain(publisher, LISTS + "/revocations/snapshot/0", LIST_BYTES);
            retain(publisher, LISTS + "/revocations/snapshot/1", LIST_BYTES);
            assertEquals(PublishResult.Status.ACKNOWLEDGED,
                    publisher.send("limen/site-2/lists/trust", utf8("other site"), Map.of(), true).await().status());

            link.subscribe(LISTS + "/#", received);
            link.connect(reason -> { });
            publisher.publish(LISTS + "/marker", utf8("first"), Map.of());
            List<Got> first = received.until("first");
            assertEquals(List.of(new Got(LISTS + "/trust", LIST_BYTES + " bytes", true),
                    new Got(LISTS + "/revocations/snapshot/0", LIST_BYTES + " bytes", true),
                    new Got(LISTS + "/revocations/snapshot/1", LIST_BYTES + " bytes", true),
                    new Got(LISTS + "/marker", "first", false)), first, "a new session gets every retained list once");
            assertEquals(3L * LIST_BYTES + 5, received.bytes.get());

            // Down for a while; a new trust list is published meanwhile.
            link.disconnect();
            received.clear();
            retain(publisher, LISTS + "/trust", LIST_BYTES);
            link.connect(reason -> { });
            publisher.publish(LISTS + "/marker", utf8("second"), Map.of());

            List<Got> second = received.until("second");
            assertEquals(2, second.size(), second.toString());
            assertEquals(LISTS + "/trust", second.get(0).topic(), "what was published while down comes, queued in the session");
            assertEquals(LIST_BYTES + 6L, received.bytes.get(),
                    "the unchanged retained lists (" + 2 * LIST_BYTES + " bytes) are not downloaded again");

            // Asked for on purpose (a receiver that dropped what it had): every retained list again.
            received.clear();
            link.resend(LISTS + "/#");
            publisher.publish(LISTS + "/marker", utf8("third"), Map.of());
            List<Got> third = received.until("third");
            assertEquals(4, third.size(), third.toString());
            assertTrue(third.subList(0, 3).stream().allMatch(Got::retained), third.toString());
            assertEquals(3L * LIST_BYTES + 5, received.bytes.get());
        }
    }

    @Test
    void aNewLink_aRestartedProcess_startsClean_andGetsTheRetainedListsAgain() throws Exception {
        broker = new Mosquitto(dir).start();
        try (PahoMqttLink publisher = new PahoMqttLink(UplinkConfigs.forBroker(broker.uri(), "publisher"))) {
            publisher.connect(reason -> { });
            retain(publisher, LISTS + "/trust", LIST_BYTES);
            for (int run = 0; run < 2; run++) {
                Received received = new Received();
                try (PahoMqttLink link = new PahoMqttLink(UplinkConfigs.forBroker(broker.uri(), "door-3"))) {
                    link.subscribe(LISTS + "/#", received);
                    link.connect(reason -> { });
                    publisher.publish(LISTS + "/marker", utf8("up"), Map.of());
                    assertEquals(new Got(LISTS + "/trust", LIST_BYTES + " bytes", true), received.until("up").getFirst(), "run " + run);
                }
            }
        }
    }

    @Test
    void resend_whileDown_asksAtTheNextConnect_andOfAFilterNotSubscribedIsRefused() throws Exception {
        broker = new Mosquitto(dir).start();
        Received received = new Received();
        try (PahoMqttLink publisher = new PahoMqttLink(UplinkConfigs.forBroker(broker.uri(), "publisher"));
             PahoMqttLink link = new PahoMqttLink(UplinkConfigs.forBroker(broker.uri(), "door-3"))) {
            publisher.connect(reason -> { });
            retain(publisher, LISTS + "/trust", LIST_BYTES);
            link.subscribe(LISTS + "/#", received);
            link.connect(reason -> { });
            publisher.publish(LISTS + "/marker", utf8("first"), Map.of());
            received.until("first");
            link.disconnect();
            received.clear();

            link.resend(LISTS + "/#");
            link.connect(reason -> { });
            publisher.publish(LISTS + "/marker", utf8("second"), Map.of());
            assertEquals(new Got(LISTS + "/trust", LIST_BYTES + " bytes", true), received.until("second").getFirst());
            assertThrows(IllegalArgumentException.class, () -> link.resend("limen/site-2/lists/#"));
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
