package io.limen.agent.uplink;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.limen.agent.time.TimeReading;
import io.limen.agent.time.WallClock;
import io.limen.config.BatchConfig;
import io.limen.config.UplinkConfig;
import io.limen.testing.Mosquitto;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pump's timing against Debian's mosquitto, on clocks the test steps (the pump's monotonic clock and
 * the wall clock that stamps the decisions move together; nothing waits for time to pass): a batch's age
 * after a reconnect, and the pace at which a backlog drains (the configured cap and the centre's throttle,
 * the lower winning).
 */
class UplinkSteppedClockTest {

    private static final Duration ARRIVAL = Duration.ofSeconds(20);
    /** Long enough for the pump (it looks at least every 250 ms) to have sent what it wrongly would. */
    private static final Duration QUIET = Duration.ofMillis(700);
    private static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");

    @TempDir
    Path dir;

    private Mosquitto broker;
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final WallClock wall = () -> TimeReading.trusted(T0.plusNanos(nanos.get()));

    @AfterEach
    void stopBroker() throws InterruptedException {
        if (broker != null) {
            broker.close();
        }
    }

    private void step(Duration d, PumpRig rig) {
        nanos.addAndGet(d.toNanos());
        rig.pump.wake();
    }

    /** Issue 9's bug: the last partial batch after a reconnect waited a whole maxAge again, its rows long overdue. */
    @Test
    void afterAReconnect_rowsDecidedDuringTheOutageLongerThanMaxAgeAgo_goOutAtOnce() throws Exception {
        broker = new Mosquitto(dir).start();
        UplinkConfig config = PumpRig.config(broker.uri(), new BatchConfig(500, Duration.ofSeconds(60), 2048), 1, 6_000);
        try (PumpRig rig = new PumpRig(dir, config, null, wall, nanos::get)) {
            await().atMost(ARRIVAL).until(rig.pump::isConnected);
            broker.stop();
            await().atMost(ARRIVAL).until(() -> !rig.pump.isConnected());

            rig.append(5);
            step(Duration.ofSeconds(30), rig);
            rig.append(5);
            step(Duration.ofSeconds(40), rig); // the oldest row was decided 70 s ago; maxAge is 60 s
            broker.start();

            // The clock stands still from here: the batch closes by the age its rows have, not 60 s after the reconnect.
            await().atMost(ARRIVAL).until(() -> rig.unsent() == 0);
            assertEquals(1, rig.pump.counts().batches(), "one batch of the 10 rows");
            assertEquals(10, rig.pump.counts().scans());
        }
    }

    @Test
    void rowsDecidedDuringTheOutage_notYetMaxAgeOld_waitOnlyTheRestOfMaxAge() throws Exception {
        broker = new Mosquitto(dir).start();
        UplinkConfig config = PumpRig.config(broker.uri(), new BatchConfig(500, Duration.ofSeconds(60), 2048), 1, 6_000);
        try (PumpRig rig = new PumpRig(dir, config, null, wall, nanos::get)) {
            await().atMost(ARRIVAL).until(rig.pump::isConnected);
            broker.stop();
            await().atMost(ARRIVAL).until(() -> !rig.pump.isConnected());
            rig.append(3);
            step(Duration.ofSeconds(45), rig);
            broker.start();
            await().atMost(ARRIVAL).until(() -> rig.pump.isConnected() && rig.pump.lastRead() == 3);

            step(Duration.ofSeconds(15).minusMillis(1), rig);
            await().during(QUIET).atMost(QUIET.multipliedBy(3)).until(() -> rig.pump.counts().batches() == 0);
            step(Duration.ofMillis(1), rig); // 60 s after the decision, 15 s after the reconnect
            await().atMost(ARRIVAL).until(() -> rig.unsent() == 0);
        }
    }

    @Test
    void aBacklog_drainsAtTheConfiguredPace_oneBatchPer60sOverMaxBatchesPerMinute() throws Exception {
        broker = new Mosquitto(dir).start();
        // 6 batches a minute: 10 s apart, though 4 may be in flight at once.
        UplinkConfig config = PumpRig.config(broker.uri(), new BatchConfig(10, Duration.ofSeconds(60), 2048), 4, 6);
        try (PumpRig rig = new PumpRig(dir, config, null, wall, nanos::get)) {
            await().atMost(ARRIVAL).until(rig.pump::isConnected);
            assertEquals(new BatchPace(6, BatchPace.CONFIG), rig.pump.pace());
            rig.append(30); // three full batches at once

            await().atMost(ARRIVAL).until(() -> rig.pump.counts().batches() == 1);
            step(Duration.ofSeconds(10).minusMillis(1), rig);
            await().during(QUIET).atMost(QUIET.multipliedBy(3)).until(() -> rig.pump.counts().batches() == 1);
            step(Duration.ofMillis(1), rig);
            await().atMost(ARRIVAL).until(() -> rig.pump.counts().batches() == 2);
            step(Duration.ofSeconds(10), rig);
            await().atMost(ARRIVAL).until(() -> rig.unsent() == 0);
            assertEquals(3, rig.pump.counts().batches());
        }
    }

    @Test
    void aThrottleBelowTheConfiguredCap_wins() throws Exception {
        broker = new Mosquitto(dir).start();
        publishThrottle(3); // 20 s apart, below the configured 6 a minute
        UplinkConfig config = PumpRig.config(broker.uri(), new BatchConfig(10, Duration.ofSeconds(60), 2048), 4, 6);
        try (PumpRig rig = new PumpRig(dir, config, null, wall, nanos::get)) {
            await().atMost(ARRIVAL).until(() -> rig.pump.throttle().throttle().isPresent());
            assertEquals(new BatchPace(3, BatchPace.THROTTLE), rig.pump.pace());
            rig.append(20);

            await().atMost(ARRIVAL).until(() -> rig.pump.counts().batches() == 1);
            step(Duration.ofSeconds(10), rig); // the configured pace would allow the next batch now
            await().during(QUIET).atMost(QUIET.multipliedBy(3)).until(() -> rig.pump.counts().batches() == 1);
            step(Duration.ofSeconds(10), rig);
            await().atMost(ARRIVAL).until(() -> rig.unsent() == 0);
            assertEquals(2, rig.pump.counts().batches());
        }
    }

    @Test
    void theThrottle_isInTheHeartbeat_inForceWithItsRateAndAge_andARefusedMessageWithItsReason() throws Exception {
        broker = new Mosquitto(dir).start();
        UplinkConfig config = PumpRig.config(broker.uri(), new BatchConfig(10, Duration.ofSeconds(60), 2048), 1, 6);
        try (TelemetrySink sink = new TelemetrySink(broker.uri());
             PumpRig rig = new PumpRig(dir, config, null, wall, nanos::get)) {
            await().atMost(ARRIVAL).until(() -> sink.texts("heartbeat").size() == 1);
            JsonNode none = heartbeatUplink(sink, 0);
            assertEquals(JSON.readTree("{\"inForce\":false,\"last\":\"none received\"}"), none.get("throttle"));
            assertEquals(JSON.readTree("{\"maxBatchesPerMinute\":6.0,\"by\":\"config\"}"), none.get("pace"));

            publish("{\"version\":1,\"maxBatchesPerMinute\":2,\"minBatchAgeSeconds\":5000,\"issuedAt\":\"" + T0 + "\"}");
            await().atMost(ARRIVAL).until(() -> rig.pump.throttle().throttle().isPresent());
            step(Duration.ofHours(1), rig); // the next heartbeat
            await().atMost(ARRIVAL).until(() -> sink.texts("heartbeat").size() == 2);
            JsonNode clamped = heartbeatUplink(sink, 1);
            assertEquals(JSON.readTree("{\"inForce\":true,\"maxBatchesPerMinute\":2.0,\"minBatchAgeSeconds\":3600.0,\"issuedAt\":\"" + T0
                    + "\",\"last\":\"obeyed, clamped: minBatchAgeSeconds: 5000 → 3600\"}"), clamped.get("throttle"));
            assertEquals(JSON.readTree("{\"maxBatchesPerMinute\":2.0,\"by\":\"throttle\"}"), clamped.get("pace"));

            publish("{\"version\":1,\"maxBatchesPerMinute\":-1,\"minBatchAgeSeconds\":0,\"issuedAt\":\"" + T0 + "\"}");
            await().atMost(ARRIVAL).until(() -> rig.pump.throttle().last().startsWith("refused"));
            step(Duration.ofHours(1), rig);
            await().atMost(ARRIVAL).until(() -> sink.texts("heartbeat").size() == 3);
            JsonNode refused = heartbeatUplink(sink, 2).get("throttle");
            assertEquals(true, refused.get("inForce").asBoolean(), "a refused message leaves the throttle in force");
            assertEquals(2.0, refused.get("maxBatchesPerMinute").asDouble());
            assertTrue(refused.get("last").asText().startsWith("refused: negative: "), refused.toString());
        }
    }

    /**
     * A throttle arriving after batches went out spreads the next one over one more interval (docs/telemetry.md,
     * "Throttle"): the rig's jitter draws the longest, so the next batch waits the interval and nearly one more.
     */
    @Test
    void aNewThrottle_spreadsTheNextBatchOverOneMoreInterval_afterTheUsualOne() throws Exception {
        broker = new Mosquitto(dir).start();
        UplinkConfig config = PumpRig.config(broker.uri(), new BatchConfig(10, Duration.ofSeconds(60), 2048), 1, 6_000);
        try (PumpRig rig = new PumpRig(dir, config, null, wall, nanos::get)) {
            await().atMost(ARRIVAL).until(rig.pump::isConnected);
            rig.append(10);
            await().atMost(ARRIVAL).until(() -> rig.pump.counts().batches() == 1);
            publishThrottle(6); // 10 s apart
            await().atMost(ARRIVAL).until(() -> rig.pump.throttle().throttle().isPresent());
            rig.append(10);

            step(Duration.ofSeconds(20).minusMillis(1), rig); // the interval, and all but a nanosecond of the spread
            await().during(QUIET).atMost(QUIET.multipliedBy(3)).until(() -> rig.pump.counts().batches() == 1);
            step(Duration.ofMillis(1), rig);
            await().atMost(ARRIVAL).until(() -> rig.pump.counts().batches() == 2);
        }
    }

    /** Found with the drain cap: a throttle's minimum age above maxAge had the pump spin (and query the outbox) until it passed. */
    @Test
    void aBatchHeldByTheThrottlesMinimumAge_pastItsMaxAge_isWaitedFor_notSpunOn() throws Exception {
        broker = new Mosquitto(dir).start();
        publish("{\"version\":1,\"maxBatchesPerMinute\":60,\"minBatchAgeSeconds\":120,\"issuedAt\":\"" + T0 + "\"}");
        UplinkConfig config = PumpRig.config(broker.uri(), new BatchConfig(500, Duration.ofSeconds(1), 2048), 1, 6_000);
        try (PumpRig rig = new PumpRig(dir, config, null, wall, nanos::get)) {
            await().atMost(ARRIVAL).until(() -> rig.pump.throttle().throttle().isPresent());
            rig.append(5);
            await().atMost(ARRIVAL).until(() -> rig.pump.lastRead() == 5);
            step(Duration.ofSeconds(2), rig); // past maxAge (1 s), inside the throttle's 120 s

            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long uplink = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("uplink") && t.isAlive())
                    .mapToLong(Thread::threadId).findFirst().orElseThrow();
            long cpuBefore = threads.getThreadCpuTime(uplink);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> rig.pump.counts().batches() == 0);
            long cpuMs = (threads.getThreadCpuTime(uplink) - cpuBefore) / 1_000_000;
            assertTrue(cpuMs < 150, "the pump sleeps until the batch is old enough, but used " + cpuMs + " ms of CPU in a second");

            step(Duration.ofSeconds(118), rig);
            await().atMost(ARRIVAL).until(() -> rig.unsent() == 0);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode heartbeatUplink(TelemetrySink sink, int i) throws Exception {
        return JSON.readTree(sink.texts("heartbeat").get(i)).get("uplink");
    }

    private void publishThrottle(double perMinute) throws Exception {
        publish("{\"version\":1,\"maxBatchesPerMinute\":" + perMinute + ",\"minBatchAgeSeconds\":0,\"issuedAt\":\"" + T0 + "\"}");
    }

    private void publish(String json) throws Exception {
        MqttAsyncClient centre = new MqttAsyncClient(broker.uri(), "centre", new MemoryPersistence());
        centre.connect(new MqttConnectionOptions()).waitForCompletion(5000);
        centre.publish("limen/throttle", new MqttMessage(json.getBytes(StandardCharsets.UTF_8), 1, true, null)).waitForCompletion(5000);
        centre.disconnect().waitForCompletion(5000);
        centre.close();
    }
}
