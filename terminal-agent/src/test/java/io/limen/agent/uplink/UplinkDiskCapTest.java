package io.limen.agent.uplink;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.limen.agent.policy.Decision;
import io.limen.agent.revocation.SqliteConnections;
import io.limen.agent.scanlog.Alarms;
import io.limen.agent.scanlog.ScanLogAlarm;
import io.limen.agent.scanlog.ScanLogWriter;
import io.limen.agent.time.SystemWallClock;
import io.limen.config.ScanLogConfig;
import io.limen.format.Reason;
import io.limen.testing.Mosquitto;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scan log at its cap during a broker outage (a low cap: 64 KiB, a few hundred rows): the alarms fire
 * and are published when the broker is back, the terminal's decisions go on past the cap, and every
 * unsent scan reaches the subscriber exactly once; once sent, the rows may go and the alarm clears.
 */
class UplinkDiskCapTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final int DECISIONS = 2_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static java.util.List<String> codes(JsonNode alarms, String field) {
        java.util.List<String> codes = new java.util.ArrayList<>();
        alarms.get(field).forEach(c -> codes.add(c.asText()));
        return codes;
    }

    @Test
    void capReachedDuringAnOutage_alarmsFireAndArePublished_decisionsGoOn_nothingUnsentIsDropped() throws Exception {
        Path db = dir.resolve("scanlog.db");
        Alarms alarms = new Alarms();
        AtomicReference<UplinkPump> pump = new AtomicReference<>();
        try (Mosquitto broker = new Mosquitto(dir).start();
             TcpCutter network = new TcpCutter(URI.create(broker.uri()).getPort());
             TelemetrySink sink = new TelemetrySink(broker.uri())) {
            network.down();
            ScanLogWriter writer = ScanLogWriter.start(ScanLogConfig.at(db).withMaxBytes(ScanLogConfig.MIN_MAX_BYTES),
                    SqliteConnections.file(db, Duration.ofSeconds(5)), Optional.of("lobby"), SystemWallClock.trustingSystemClock(),
                    alarms, group -> {
                        UplinkPump p = pump.get();
                        if (p != null) {
                            p.wake();
                        }
                    });
            pump.set(UplinkPump.start(PumpRig.config(network.uri(), 500, 2), PumpRig.TERMINAL,
                    SqliteConnections.file(db, Duration.ofSeconds(5)), new PahoMqttLink(PumpRig.config(network.uri(), 500, 2)),
                    SystemWallClock.trustingSystemClock(), System::nanoTime, UplinkPump.codes(alarms), Map::of, PumpRig.CEILING));
            try {
                Decision decision = Decision.denied(Reason.EXPIRED, Optional.empty(), "expired");
                for (int i = 0; i < DECISIONS; i++) {
                    writer.decided(decision, 1_500_000, 90_000, 4_000, 1_700_000);
                }
                await().atMost(WITHIN).until(() -> writer.status().lastSequence() == DECISIONS);
                assertTrue(alarms.isRaised(ScanLogAlarm.PAST_CAP), "unsent rows alone fill the cap: " + alarms.active());
                assertTrue(alarms.isRaised(ScanLogAlarm.NEAR_CAP));
                assertEquals(0, writer.status().droppedAtHandOff() + writer.status().droppedFromMemory(), "every decision went on");

                network.restore();
                await().atMost(WITHIN).until(() -> sink.sequences("door-3").size() == DECISIONS);
                assertEquals(UplinkPumpMosquittoTest.range(1, DECISIONS), sink.sequences("door-3"));
                JsonNode first = JSON.readTree(sink.texts("alarms").getFirst());
                assertTrue(codes(first, "raised").containsAll(java.util.List.of("scanlog_near_cap", "scanlog_past_cap")), first.toString());
                assertEquals(codes(first, "raised"), codes(first, "active"), "the first alarm message after the connect: all of them new");

                // Sent rows may go now: the next decision's housekeeping deletes them and the alarms clear.
                await().atMost(WITHIN).until(() -> pump.get().counts().scans() == DECISIONS);
                writer.decided(decision, 1_500_000, 90_000, 4_000, 1_700_000);
                await().atMost(WITHIN).until(() -> !alarms.isRaised(ScanLogAlarm.PAST_CAP));
                await().atMost(WITHIN).until(() -> sink.texts("alarms").stream()
                        .anyMatch(a -> codes(read(a), "cleared").contains("scanlog_past_cap")));
                await().atMost(WITHIN).until(() -> sink.sequences("door-3").size() == DECISIONS + 1);
            } finally {
                writer.close();
                pump.get().close();
            }
        }
    }
}
