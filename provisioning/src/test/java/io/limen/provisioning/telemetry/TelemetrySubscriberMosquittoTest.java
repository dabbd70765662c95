package io.limen.provisioning.telemetry;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.testing.Mosquitto;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The consumer against a real mosquitto 2.0 (MQTT 5) on a loopback port, with a terminal's messages published by hand. */
class TelemetrySubscriberMosquittoTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern KEY = Pattern.compile("\"site\":\"([^\"]+)\",\"terminal\":\"([^\"]+)\",\"sequence\":(\\d+)");

    @TempDir
    Path dir;

    private Mosquitto broker;
    private final List<AutoCloseable> closeLast = new ArrayList<>();

    /** One consumer instance: its subscriber, its JSON lines and its event lines. */
    private record Instance(TelemetrySubscriber subscriber, TelemetryConsumer consumer, StringWriter scans, StringWriter events) {
        List<String> lines() {
            String text = scans.toString();
            return text.isEmpty() ? List.of() : List.of(text.split("\n"));
        }

        List<String> eventLines() {
            return events.toString().lines().toList();
        }
    }

    private Instance instance(String clientId, String group) throws IOException {
        StringWriter scans = new StringWriter();
        StringWriter events = new StringWriter();
        PrintWriter eventWriter = new PrintWriter(events, true);
        TelemetryConsumer consumer = new TelemetryConsumer(new BatchDecoder(1 << 20), new FleetLedger(1000), scans, eventWriter, 1000);
        SubscriberSettings settings = new SubscriberSettings(broker.uri(), clientId, group, "limen/+/+", true, Duration.ofSeconds(5),
                Duration.ofSeconds(60), new Backoff(Duration.ofMillis(20), Duration.ofMillis(200)), Duration.ofSeconds(1), Optional.empty());
        TelemetrySubscriber subscriber = new TelemetrySubscriber(settings, consumer, eventWriter, Clock.systemUTC(),
                new SplittableRandom(7), true);
        closeLast.add(subscriber);
        subscriber.start();
        await().atMost(WAIT).until(subscriber::isConnected);
        return new Instance(subscriber, consumer, scans, events);
    }

    private Publisher publisher() throws Exception {
        Publisher publisher = new Publisher(broker.uri());
        closeLast.add(publisher);
        return publisher;
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closeLast.reversed()) {
            try {
                c.close();
            } catch (Exception e) {
                // the broker may be gone already
            }
        }
        if (broker != null) {
            broker.stop();
        }
    }

    private static Set<String> keys(List<String> lines, List<String> twice) {
        Set<String> keys = new HashSet<>();
        for (String line : lines) {
            Matcher m = KEY.matcher(line);
            assertTrue(m.find(), line);
            String key = m.group(1) + "/" + m.group(2) + "#" + m.group(3);
            if (!keys.add(key)) {
                twice.add(key);
            }
        }
        return keys;
    }

    @Test
    void twoInstancesInOneShareGroup_splitTheBatches_andTogetherWriteEveryScanOnce() throws Exception {
        broker = new Mosquitto(dir).start();
        Instance a = instance("consumer-a", "central");
        Instance b = instance("consumer-b", "central");
        Publisher terminals = publisher();

        Set<String> sent = new HashSet<>();
        for (int batch = 0; batch < 10; batch++) {
            for (int t = 1; t <= 4; t++) {
                long first = batch * 5L + 1;
                byte[] json = Batches.json("site-1", "door-" + t, Batches.range(first, first + 4));
                boolean gzip = batch % 2 == 1; // both encodings, as terminals send them
                terminals.publish("limen/site-1/door-" + t + "/scans", gzip ? Batches.gzip(json) : json,
                        gzip ? Batches.GZIP : Batches.IDENTITY);
                for (long s = first; s <= first + 4; s++) {
                    sent.add("site-1/door-" + t + "#" + s);
                }
            }
        }
        await().atMost(WAIT).until(() -> a.lines().size() + b.lines().size() >= sent.size());

        List<String> twice = new ArrayList<>();
        Set<String> seenByA = keys(a.lines(), twice);
        Set<String> seenByB = keys(b.lines(), twice);
        assertTrue(!seenByA.isEmpty() && !seenByB.isEmpty(), "both instances took a share: " + seenByA.size() + " and " + seenByB.size());
        Set<String> both = new HashSet<>(seenByA);
        assertTrue(both.stream().noneMatch(seenByB::contains), "no scan went to both instances");
        both.addAll(seenByB);
        assertEquals(List.of(), twice);
        assertEquals(sent, both);
        assertEquals(sent.size(), a.lines().size() + b.lines().size());
    }

    @Test
    void aBatchSentTwice_andAnOverlappingOne_areDropped_andAGapIsReportedThenFilled() throws Exception {
        broker = new Mosquitto(dir).start();
        Publisher terminal = publisher();
        terminal.publish("limen/site-1/door-3/status", "online".getBytes(StandardCharsets.UTF_8), Map.of(), true);
        terminal.publish("limen/site-1/door-3/alarms", "{\"active\":[\"camera_down\"]}".getBytes(StandardCharsets.UTF_8), Map.of(), true);
        Instance consumer = instance("consumer-a", "central");
        String topic = "limen/site-1/door-3/scans";

        byte[] first = Batches.json("site-1", "door-3", Batches.range(1, 10));
        terminal.publish(topic, first, Batches.IDENTITY);
        terminal.publish(topic, first, Batches.IDENTITY); // the same batch id again (a lost PUBACK): 10 duplicates
        terminal.publish(topic, Batches.json("site-1", "door-3", Batches.range(6, 12)), Batches.IDENTITY); // re-cut, new id: 5 more
        terminal.publish(topic, Batches.json("site-1", "door-3", Batches.range(20, 22)), Batches.IDENTITY);
        terminal.publish("limen/site-1/door-3/heartbeat", "{}".getBytes(StandardCharsets.UTF_8), Map.of());
        await().atMost(WAIT).until(() -> consumer.lines().size() >= 15);
        assertTrue(consumer.eventLines().contains("gap site-1/door-3 13..19 opened (7 missing)"), consumer.events().toString());

        terminal.publish(topic, Batches.json("site-1", "door-3", Batches.range(13, 19)), Batches.IDENTITY);
        await().atMost(WAIT).until(() -> consumer.lines().size() >= 22);

        List<String> twice = new ArrayList<>();
        assertEquals(22, keys(consumer.lines(), twice).size());
        assertEquals(List.of(), twice);
        assertTrue(consumer.eventLines().contains("gap site-1/door-3 13..19 filled (0 missing)"), consumer.events().toString());
        assertEquals(new TelemetryConsumer.Counts(5, 22, 15, Map.of()), consumer.consumer().counts());
        String row = consumer.consumer().statusTable(java.time.Instant.now()).lines().skip(2).findFirst().orElseThrow();
        assertTrue(row.matches("site-1/door-3 +\\S+ +22 +22 +15 +0 +0 +online since \\S+ +\\S+Z +camera_down"), row);
    }

    @Test
    void badMessages_areRefusedWithTheirReasons_andChangeNothingElse() throws Exception {
        broker = new Mosquitto(dir).start();
        Instance consumer = instance("consumer-a", "central");
        Publisher terminal = publisher();
        String topic = "limen/site-1/door-3/scans";
        byte[] good = Batches.json("site-1", "door-3", 1, 2, 3);

        terminal.publish(topic, "\u0000\u00ff not a batch".getBytes(StandardCharsets.UTF_8), Batches.IDENTITY);
        terminal.publish(topic, good, Map.of("limen-schema", "2", "content-encoding", "identity"));
        terminal.publish(topic, Batches.gzip(new byte[8 << 20]), Batches.GZIP); // 8 MiB of zeros in 8 KB
        terminal.publish(topic, good, Map.of("limen-schema", "1", "content-encoding", "br"));
        terminal.publish(topic, good, Map.of());
        terminal.publish(topic, Batches.json("site-1", "door-3", 2), Batches.GZIP); // says gzip, is not
        terminal.publish(topic, good, Batches.IDENTITY); // one publisher, one topic, QoS 1: it arrives last
        await().atMost(WAIT).until(() -> consumer.lines().size() >= 3);

        List<String> refused = consumer.eventLines().stream().filter(l -> l.startsWith("refused ")).map(l -> l.split(" ")[1]).toList();
        assertEquals(List.of("malformed", "unsupported_version", "too_large", "unsupported_encoding", "unsupported_version", "bad_gzip"),
                refused, consumer.events().toString());
        assertEquals(3, consumer.lines().size());
        assertEquals(new TelemetryConsumer.Counts(1, 3, 0, Map.of(RefusalReason.MALFORMED, 1L, RefusalReason.UNSUPPORTED_VERSION, 2L,
                RefusalReason.TOO_LARGE, 1L, RefusalReason.UNSUPPORTED_ENCODING, 1L, RefusalReason.BAD_GZIP, 1L)), consumer.consumer().counts());
        assertTrue(consumer.subscriber().isConnected(), "still connected after all that");
    }

    @Test
    void aBrokerRestart_thatDropsTheSessions_isSurvived_byReconnectingAndSubscribingAgain() throws Exception {
        broker = new Mosquitto(dir).start();
        Instance consumer = instance("consumer-a", "central");
        try (Publisher before = new Publisher(broker.uri())) {
            before.publish("limen/site-1/door-3/scans", Batches.json("site-1", "door-3", 1, 2), Batches.IDENTITY);
        }
        await().atMost(WAIT).until(() -> consumer.lines().size() >= 2);

        broker.stop(); // no persistence: the session and its subscriptions are gone
        await().atMost(WAIT).until(() -> !consumer.subscriber().isConnected());
        broker.start();
        await().atMost(WAIT).until(() -> consumer.subscriber().isConnected());

        Publisher after = publisher();
        after.publish("limen/site-1/door-3/scans", Batches.json("site-1", "door-3", 3, 4), Batches.IDENTITY);
        await().atMost(WAIT).until(() -> consumer.lines().size() >= 4);
        assertTrue(consumer.eventLines().stream().anyMatch(l -> l.contains("connection lost")), consumer.events().toString());
        assertEquals(2, consumer.eventLines().stream().filter(l -> l.contains(" connected to ")).count(), consumer.events().toString());
    }
}
