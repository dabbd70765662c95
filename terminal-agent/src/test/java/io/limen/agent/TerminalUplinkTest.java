package io.limen.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.agent.camera.Frame;
import io.limen.agent.decode.QrDecoder;
import io.limen.agent.revocation.SqliteConnections;
import io.limen.agent.scanlog.Outbox;
import io.limen.agent.simulation.SyntheticFrameSource;
import io.limen.agent.simulation.SyntheticScene;
import io.limen.agent.time.SimulatedTime;
import io.limen.config.AgentConfig;
import io.limen.config.BatchConfig;
import io.limen.config.ScanLogConfig;
import io.limen.config.UplinkConfig;
import io.limen.testing.Mosquitto;
import io.limen.agent.uplink.Subscriber;
import io.limen.agent.uplink.UplinkPump;
import io.limen.config.TerminalConfig;
import io.limen.format.Reason;
import io.limen.format.cose.CoseAlgorithm;
import io.limen.format.credential.Claims;
import io.limen.format.credential.CredentialId;
import io.limen.format.credential.CredentialIssuer;
import io.limen.format.credential.IssuerKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The composition root wires the uplink from the config: a terminal deciding on simulated hardware sends
 * its decisions through a real mosquitto, says online on connect and offline when it closes.
 */
class TerminalUplinkTest {

    static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    @TempDir
    Path dir;

    @Test
    void configuredUplink_sendsEveryDecisionAsABatch_andSaysOnlineThenOffline() throws Exception {
        IssuerKey key = IssuerKey.generate(CoseAlgorithm.EDDSA, new SecureRandom());
        Claims claims = new Claims("https://issuer.example", "holder-1", NOW.minusSeconds(60), Optional.empty(),
                NOW.plus(Duration.ofDays(1)), CredentialId.fromHex("00112233445566778899aabbccddeeff"), Optional.empty(),
                List.of("lobby"), Optional.of("Ada"));
        Frame pass = readableScene(new CredentialIssuer(key).issue(claims));
        Path trust = Files.writeString(dir.resolve("trust.pem"), key.publicKeyPem());
        try (Mosquitto broker = new Mosquitto(dir).start(); Subscriber sink = new Subscriber(broker.uri(), "limen/#")) {
            UplinkConfig uplink = new UplinkConfig(broker.uri(), "limen-hq-door-1", "limen/hq/door-1", Duration.ofSeconds(2),
                    Duration.ofSeconds(2), Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5), Optional.empty(),
                    Duration.ofMinutes(1), 1, Duration.ofHours(1), new BatchConfig(2, Duration.ofSeconds(1), 2048));
            AgentConfig config = AgentConfig.defaults(trust).withTerminal(new TerminalConfig("hq", "door-1", Optional.of("lobby")))
                    .withScanLog(ScanLogConfig.at(dir.resolve("scanlog.db"))).withUplink(Optional.of(uplink));
            SimulatedTime time = new SimulatedTime(NOW);
            HardwareSeams seams = HardwareSeams.simulated(new SyntheticFrameSource(List.of()), time);
            try (Terminal terminal = Terminal.assemble(config, seams)) {
                assertTrue(terminal.uplink().isPresent());
                terminal.agent().admit(pass);
                time.advance(Duration.ofSeconds(2));
                terminal.agent().admit(pass);

                await().atMost(Duration.ofSeconds(20)).until(() -> sink.texts("limen/hq/door-1/scans").size() == 1);
                String batch = sink.texts("limen/hq/door-1/scans").getFirst();
                assertTrue(batch.contains("\"firstSequence\":1,\"lastSequence\":2"), batch);
                assertTrue(batch.contains("\"terminal\":\"door-1\"") && batch.contains("\"site\":\"hq\""), batch);
                assertTrue(batch.contains("\"sub\":\"holder-1\""), batch);
                // The sink can see the batch before the pump has handled its PUBACK: wait for the count.
                await().atMost(Duration.ofSeconds(20)).until(() -> terminal.uplink().get().counts().batches() == 1);
                UplinkPump.Counts counts = terminal.uplink().get().counts();
                assertEquals(1, counts.batches());
                assertEquals(2, counts.scans());
            } finally {
                seams.gpio().shutdown();
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> sink.texts("limen/hq/door-1/status").contains("offline"));
            assertEquals(List.of("online", "offline"), sink.texts("limen/hq/door-1/status"));
            String heartbeat = sink.texts("limen/hq/door-1/heartbeat").getFirst();
            assertTrue(heartbeat.contains("\"lists\":{\"trustAsOf\":\"2026-11-27T12:00:00Z\""), heartbeat);
        }
    }

    @Test
    void anUnsynchronisedClock_isPublishedAsAnAlarm_andClearedOnceSynchronised() throws Exception {
        Path trust = Files.writeString(dir.resolve("trust.pem"),
                IssuerKey.generate(CoseAlgorithm.EDDSA, new SecureRandom()).publicKeyPem());
        try (Mosquitto broker = new Mosquitto(dir).start(); Subscriber sink = new Subscriber(broker.uri(), "limen/#")) {
            UplinkConfig uplink = new UplinkConfig(broker.uri(), "limen-hq-door-1", "limen/hq/door-1", Duration.ofSeconds(2),
                    Duration.ofSeconds(2), Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5), Optional.empty(),
                    Duration.ofMinutes(1));
            AgentConfig config = AgentConfig.defaults(trust).withTerminal(new TerminalConfig("hq", "door-1", Optional.empty()))
                    .withScanLog(ScanLogConfig.at(dir.resolve("scanlog.db"))).withUplink(Optional.of(uplink));
            SimulatedTime time = new SimulatedTime(NOW);
            time.setTrust(io.limen.agent.time.TimeReading.Trust.UNSYNCHRONISED);
            HardwareSeams seams = HardwareSeams.simulated(new SyntheticFrameSource(List.of()), time);
            try (Terminal terminal = Terminal.assemble(config, seams)) {
                String topic = "limen/hq/door-1/alarms";
                await().atMost(Duration.ofSeconds(20)).until(() -> !sink.texts(topic).isEmpty());
                assertTrue(sink.texts(topic).getFirst().contains("\"raised\":[\"clock_unsynced\"]"), sink.texts(topic).toString());

                time.setTrust(io.limen.agent.time.TimeReading.Trust.SYNCHRONISED);
                await().atMost(Duration.ofSeconds(20)).until(() -> sink.texts(topic).size() == 2);
                assertTrue(sink.texts(topic).get(1).contains("\"active\":[],\"raised\":[],\"cleared\":[\"clock_unsynced\"]"),
                        sink.texts(topic).toString());
            } finally {
                seams.gpio().shutdown();
            }
        }
    }

    private static Frame readableScene(String text) {
        for (long seed = 1; ; seed++) {
            Frame frame = SyntheticScene.withCode(text, seed);
            if (new QrDecoder().decode(frame).isPresent()) {
                return frame;
            }
        }
    }
}
