package io.limen.agent.uplink;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.testing.Mosquitto;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The centre's retained throttle on {@code limen/throttle} against Debian's mosquitto: obeyed between
 * batches, refused or clamped when absurd (said in the pump's status), and never in the way of deciding.
 */
class ThrottleMosquittoTest {

    private static final Duration ARRIVAL = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private Mosquitto broker;

    @AfterEach
    void stopBroker() throws InterruptedException {
        if (broker != null) {
            broker.close();
        }
    }

    private void publishThrottle(String json) throws Exception {
        MqttAsyncClient centre = new MqttAsyncClient(broker.uri(), "centre", new MemoryPersistence());
        centre.connect(new MqttConnectionOptions()).waitForCompletion(5000);
        centre.publish("limen/throttle", new MqttMessage(json.getBytes(StandardCharsets.UTF_8), 1, true, null)).waitForCompletion(5000);
        centre.disconnect().waitForCompletion(5000);
        centre.close();
    }

    private static String throttle(String rate) {
        return "{\"version\":1,\"maxBatchesPerMinute\":" + rate + ",\"minBatchAgeSeconds\":0,\"issuedAt\":\"" + Instant.now() + "\"}";
    }

    @Test
    void retainedThrottle_spacesTheBatches() throws Exception {
        broker = new Mosquitto(dir).start();
        publishThrottle(throttle("30")); // one batch every 2 s
        try (TelemetrySink sink = new TelemetrySink(broker.uri());
             PumpRig rig = new PumpRig(dir, PumpRig.config(broker.uri(), 10, 1))) {
            await().atMost(ARRIVAL).until(() -> rig.pump.throttle().throttle().isPresent());
            rig.append(30);
            await().atMost(ARRIVAL).until(() -> sink.batches.size() >= 1);
            long first = System.nanoTime();
            await().atMost(ARRIVAL).until(() -> sink.batches.size() == 3);
            long elapsedMs = (System.nanoTime() - first) / 1_000_000;

            assertTrue(elapsedMs >= 3500, "3 batches at one per 2 s take at least 4 s from the first, but took " + elapsedMs + " ms");
            assertEquals("obeyed", rig.pump.throttle().last());
            assertEquals(30, sink.sequences("door-3").size());
        }
    }

    @Test
    void negativeRate_isRefused_saidInStatus_andBatchesFlowAsBefore() throws Exception {
        broker = new Mosquitto(dir).start();
        publishThrottle(throttle("-1"));
        try (TelemetrySink sink = new TelemetrySink(broker.uri());
             PumpRig rig = new PumpRig(dir, PumpRig.config(broker.uri(), 10, 1))) {
            await().atMost(ARRIVAL).until(() -> rig.pump.throttle().last().startsWith("refused: negative"));
            rig.append(30);
            await().atMost(ARRIVAL).until(() -> sink.sequences("door-3").size() == 30);
            assertTrue(rig.pump.throttle().throttle().isEmpty(), "no throttle in force");
        }
    }

    @Test
    void rateZero_isClampedToOneBatchPerTenMinutes_andDecidingGoesOn() throws Exception {
        broker = new Mosquitto(dir).start();
        publishThrottle(throttle("0"));
        try (TelemetrySink sink = new TelemetrySink(broker.uri());
             PumpRig rig = new PumpRig(dir, PumpRig.config(broker.uri(), 10, 1))) {
            await().atMost(ARRIVAL).until(() -> rig.pump.throttle().throttle().isPresent());
            assertTrue(rig.pump.throttle().last().startsWith("obeyed, clamped: maxBatchesPerMinute: 0"), rig.pump.throttle().last());
            rig.append(30);
            await().atMost(ARRIVAL).until(() -> sink.batches.size() == 1);
            // The second batch is 10 minutes away; the rows stay durable and unsent, and appending goes on.
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> sink.batches.size() == 1);
            rig.append(5);
            assertEquals(25, rig.unsent());
        }
    }

    @Test
    void minimumBatchAge_holdsABatchThatConfigWouldCloseAfter1s() throws Exception {
        broker = new Mosquitto(dir).start();
        publishThrottle("{\"version\":1,\"maxBatchesPerMinute\":60,\"minBatchAgeSeconds\":3,\"issuedAt\":\"" + Instant.now() + "\"}");
        try (TelemetrySink sink = new TelemetrySink(broker.uri());
             PumpRig rig = new PumpRig(dir, PumpRig.config(broker.uri(), 10, 1))) { // batches close by age after 1 s
            await().atMost(ARRIVAL).until(() -> rig.pump.throttle().throttle().isPresent());
            long appended = System.nanoTime();
            rig.append(5);
            await().atMost(ARRIVAL).until(() -> sink.batches.size() == 1);
            long elapsedMs = (System.nanoTime() - appended) / 1_000_000;

            assertTrue(elapsedMs >= 2500, "a batch no younger than the throttle's 3 s, but it came after " + elapsedMs + " ms");
            assertEquals(5, sink.sequences("door-3").size());
        }
    }
}
