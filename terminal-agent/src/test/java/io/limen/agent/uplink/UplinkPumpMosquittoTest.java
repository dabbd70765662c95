package io.limen.agent.uplink;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.limen.provisioning.telemetry.Batch;
import io.limen.testing.Mosquitto;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pump against Debian's mosquitto: every scan made durable reaches a subscriber exactly once after
 * de-duplication by (terminal, sequence), also across a broker outage in the middle of a burst and a
 * broker restart that drops every session; rows are marked sent only once acknowledged.
 */
class UplinkPumpMosquittoTest {

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

    static Set<Long> range(long first, long last) {
        return LongStream.rangeClosed(first, last).boxed().collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    @Test
    void everyDurableScan_arrivesExactlyOnce_inBatchesClosedByCountThenAge_andIsMarkedSentAfterItsPuback() throws Exception {
        broker = new Mosquitto(dir).start();
        try (TelemetrySink sink = new TelemetrySink(broker.uri());
             PumpRig rig = new PumpRig(dir, PumpRig.config(broker.uri(), 100, 1))) {
            long last = rig.append(250);

            await().atMost(ARRIVAL).until(() -> sink.sequences("door-3").size() == 250);
            await().atMost(ARRIVAL).until(() -> rig.unsent() == 0);

            assertEquals(range(1, last), sink.sequences("door-3"));
            assertEquals(List.of(), sink.refused);
            List<Batch> batches = sink.batches;
            assertEquals(List.of(100, 100, 50), batches.stream().map(b -> b.scans().size()).toList(),
                    "two full batches, the rest closed by age");
            assertEquals(List.of(1L, 101L, 201L), batches.stream().map(Batch::firstSequence).toList(), "in sequence order");
            assertEquals("site-1", batches.getFirst().terminal().site());
            assertEquals(0, sink.duplicates(), "nothing sent twice on a healthy link");
            assertEquals(new UplinkPump.Counts(rig.pump.counts().messages(), 3, 250, 0), rig.pump.counts());

            assertEquals("online", sink.texts("status").getFirst());
            JsonNode heartbeat = new ObjectMapper().readTree(sink.texts("heartbeat").getFirst());
            assertEquals("door-3", heartbeat.get("terminal").asText());
            assertTrue(heartbeat.has("queueDepth") && heartbeat.has("oldestUnsentAgeS") && heartbeat.has("uptimeS"), heartbeat.toString());
            assertEquals("test", heartbeat.get("camera").get("state").asText());

            rig.pump.close();
            await().atMost(ARRIVAL).until(() -> sink.texts("status").contains("offline"));
            assertEquals(List.of("online", "offline"), sink.texts("status"), "a clean stop says offline itself");
        }
    }

    @Test
    void brokerStoppedInTheMiddleOfABurst_everyScanArrivesOnceAfterItIsBack_nothingIsMarkedSentMeanwhile() throws Exception {
        broker = new Mosquitto(dir).start();
        try (TcpCutter network = new TcpCutter(URI.create(broker.uri()).getPort());
             TelemetrySink sink = new TelemetrySink(broker.uri());
             PumpRig rig = new PumpRig(dir, PumpRig.config(network.uri(), 50, 2))) {
            for (int i = 0; i < 20; i++) {
                rig.append(10);
            }
            await().atMost(ARRIVAL).until(() -> sink.sequences("door-3").size() == 200);

            // The broker dies mid-burst; the network stays down until the subscriber is back, so nothing is
            // published to a broker with nobody listening (mosquitto here keeps no sessions).
            network.down();
            broker.stop();
            for (int i = 0; i < 30; i++) {
                rig.append(10);
            }
            await().atMost(ARRIVAL).until(() -> !rig.pump.isConnected());
            long unsentDuringOutage = rig.unsent();
            assertTrue(unsentDuringOutage >= 300, "the outage's scans wait in the outbox: " + unsentDuringOutage);

            broker.start();
            sink.reconnect();
            network.restore();
            long last = rig.append(100);

            await().atMost(ARRIVAL).until(() -> sink.sequences("door-3").size() == last);
            assertEquals(range(1, last), sink.sequences("door-3"));
            await().atMost(ARRIVAL).until(() -> rig.unsent() == 0);
            assertTrue(sink.texts("status").stream().filter("online"::equals).count() >= 2, "online again: " + sink.texts("status"));
        }
    }

    @Test
    void brokerRestartThatDropsItsSessions_everyScanArrivesOnce_andOnlineIsRetainedAgain() throws Exception {
        broker = new Mosquitto(dir).start();
        try (TcpCutter network = new TcpCutter(URI.create(broker.uri()).getPort());
             TelemetrySink sink = new TelemetrySink(broker.uri());
             PumpRig rig = new PumpRig(dir, PumpRig.config(network.uri(), 20, 4))) {
            rig.append(100);
            network.down(); // cuts whatever is in flight
            broker.stop();
            broker.start();
            sink.reconnect();
            network.restore();
            long last = rig.append(100);

            await().atMost(ARRIVAL).until(() -> sink.sequences("door-3").size() == last);
            assertEquals(range(1, last), sink.sequences("door-3"));
            await().atMost(ARRIVAL).until(() -> rig.unsent() == 0);

            // The restarted broker lost its retained messages; the pump said online again on reconnecting.
            try (TelemetrySink late = new TelemetrySink(broker.uri())) {
                await().atMost(ARRIVAL).until(() -> late.texts("status").contains("online"));
                assertTrue(late.statusRetained.getFirst(), "online is retained");
            }
        }
    }

    @Test
    void aBrokerThatIsNeverThere_leavesEveryRowUnsent_andTheTerminalsAppendsGoOn() throws Exception {
        try (TcpCutter network = new TcpCutter(1)) {
            network.down();
            try (PumpRig rig = new PumpRig(dir, PumpRig.config(network.uri(), 10, 1))) {
                for (int i = 0; i < 10; i++) {
                    rig.append(10);
                }
                assertEquals(100, rig.unsent());
                assertFalse(rig.pump.isConnected());
                assertEquals(0, rig.pump.counts().batches());
            }
        }
    }
}
