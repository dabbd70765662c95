package io.limen.provisioning.telemetry;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.testing.Mosquitto;
import io.limen.testing.TestPki;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS to a real mosquitto: the broker's CA is trusted and nothing else, the JDK's CAs included. */
class TelemetrySubscriberTlsTest {

    @TempDir
    Path dir;

    private Mosquitto broker;
    private TestPki fleet;
    private TelemetrySubscriber subscriber;

    @BeforeEach
    void start() throws Exception {
        fleet = TestPki.create(dir, "fleet");
        broker = Mosquitto.tls(dir, fleet.caFile(), fleet.certFile(), fleet.keyFile()).start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (subscriber != null) {
            subscriber.close();
        }
        broker.stop();
    }

    private SubscriberSettings settings(Path caFile) {
        return new SubscriberSettings(broker.uri(), "tls-consumer", "central", "limen/+/+", false, Duration.ofSeconds(5),
                Duration.ofSeconds(60), new Backoff(Duration.ofMillis(20), Duration.ofMillis(100)), Duration.ofSeconds(1), Optional.of(caFile));
    }

    @Test
    void withTheFleetsCa_itConnectsOverTls_andReadsBatches() throws Exception {
        StringWriter scans = new StringWriter();
        StringWriter events = new StringWriter();
        TelemetryConsumer consumer = new TelemetryConsumer(new BatchDecoder(1 << 20), new FleetLedger(10), scans,
                new PrintWriter(events, true), 10);
        subscriber = new TelemetrySubscriber(settings(fleet.caFile()), consumer, new PrintWriter(events, true), Clock.systemUTC(),
                new SplittableRandom(1), true);
        subscriber.start();
        await().atMost(Duration.ofSeconds(20)).until(subscriber::isConnected);

        MqttAsyncClient terminal = new MqttAsyncClient(broker.uri(), "tls-terminal", new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setSocketFactory(CaTrust.socketFactory(fleet.caFile()));
        terminal.connect(options).waitForCompletion(10_000);
        MqttProperties properties = new MqttProperties();
        properties.setUserProperties(java.util.List.of(new UserProperty("limen-schema", "1"), new UserProperty("content-encoding", "identity")));
        terminal.publish("limen/site-1/door-3/scans", new MqttMessage(Batches.json("site-1", "door-3", 1, 2), 1, false, properties))
                .waitForCompletion(10_000);
        terminal.disconnect().waitForCompletion(10_000);
        terminal.close();

        await().atMost(Duration.ofSeconds(20)).until(() -> scans.toString().lines().count() == 2);
    }

    @Test
    void withAnotherCa_itNeverConnects_andSaysWhyOnEachAttempt() throws Exception {
        TestPki other = TestPki.create(dir, "other");
        StringWriter events = new StringWriter();
        TelemetryConsumer consumer = new TelemetryConsumer(new BatchDecoder(1 << 20), new FleetLedger(10), new StringWriter(),
                new PrintWriter(events, true), 10);
        subscriber = new TelemetrySubscriber(settings(other.caFile()), consumer, new PrintWriter(events, true), Clock.systemUTC(),
                new SplittableRandom(1), true);
        subscriber.start();

        await().atMost(Duration.ofSeconds(20)).until(() -> events.toString().lines().filter(l -> l.contains("cannot connect")).count() >= 2);
        assertFalse(subscriber.isConnected());
        String first = events.toString().lines().filter(l -> l.contains("cannot connect")).findFirst().orElseThrow();
        assertTrue(first.contains("cannot connect to " + broker.uri() + ": ") && first.contains("SSLHandshakeException"), first);
    }

    @Test
    void aCaFileThatIsNoCertificate_isRefused_namingIt() throws IOException {
        Path notACa = Files.writeString(dir.resolve("not-a-ca.pem"), "-----BEGIN NOTHING-----\n");
        TelemetryConsumer consumer = new TelemetryConsumer(new BatchDecoder(1 << 20), new FleetLedger(10), new StringWriter(),
                new PrintWriter(new StringWriter()), 10);
        IOException e = assertThrows(IOException.class, () -> new TelemetrySubscriber(settings(notACa), consumer,
                new PrintWriter(new StringWriter()), Clock.systemUTC(), new SplittableRandom(1), true));
        assertTrue(e.getMessage().startsWith(notACa + ": "), e.getMessage());
        IOException missing = assertThrows(IOException.class, () -> new TelemetrySubscriber(settings(dir.resolve("missing.pem")), consumer,
                new PrintWriter(new StringWriter()), Clock.systemUTC(), new SplittableRandom(1), true));
        assertEquals(dir.resolve("missing.pem").toString(), missing.getMessage());
    }
}
