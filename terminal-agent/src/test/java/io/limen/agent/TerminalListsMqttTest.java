package io.limen.agent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.agent.camera.Frame;
import io.limen.agent.decode.QrDecoder;
import io.limen.agent.simulation.SyntheticFrameSource;
import io.limen.agent.simulation.SyntheticScene;
import io.limen.agent.time.SimulatedTime;
import io.limen.config.AgentConfig;
import io.limen.config.BatchConfig;
import io.limen.config.ListsConfig;
import io.limen.config.RevocationConfig;
import io.limen.config.ScanLogConfig;
import io.limen.config.TerminalConfig;
import io.limen.config.UplinkConfig;
import io.limen.format.Reason;
import io.limen.format.cose.CoseAlgorithm;
import io.limen.format.cose.SigningKey;
import io.limen.format.credential.Claims;
import io.limen.format.credential.CredentialId;
import io.limen.format.credential.CredentialIssuer;
import io.limen.format.credential.IssuerKey;
import io.limen.format.credential.RevocationKey;
import io.limen.format.lists.ListDocument;
import io.limen.format.lists.ListDocuments;
import io.limen.format.lists.ListHeader;
import io.limen.format.lists.ListKind;
import io.limen.format.lists.ListTopics;
import io.limen.format.lists.SnapshotId;
import io.limen.provisioning.ProvisionCommand;
import io.limen.testing.Mosquitto;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lists over MQTT, end to end on a real mosquitto: {@code limen provision publish-lists --broker} publishes
 * retained, a running terminal (simulated hardware, real uplink link, real store) takes them through its
 * subscription and revokes; a chunked snapshot is reassembled; a truncated set, a foreign chunk and an
 * oversize claim are refused and reported in status while the list held stays in force.
 */
class TerminalListsMqttTest {

    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    static final Duration WAIT = Duration.ofSeconds(30);
    static final ListTopics TOPICS = ListTopics.forSite("hq");

    @TempDir
    Path dir;

    private Mosquitto broker;
    private Claims claims;
    private Frame pass;
    private AgentConfig config;
    private final SimulatedTime time = new SimulatedTime(NOW);
    private HardwareSeams seams;

    @BeforeEach
    void setUp() throws Exception {
        broker = new Mosquitto(dir).start();
        IssuerKey key = IssuerKey.generate(CoseAlgorithm.EDDSA, new SecureRandom());
        claims = new Claims("https://issuer.example", "holder-1", NOW.minusSeconds(60), Optional.empty(), NOW.plus(Duration.ofDays(1)),
                CredentialId.fromHex("00112233445566778899aabbccddeeff"), Optional.empty(), List.of("lobby"), Optional.of("Ada"));
        pass = readableScene(new CredentialIssuer(key).issue(claims));
        Path trust = Files.writeString(dir.resolve("trust.pem"), key.publicKeyPem());
        assertEquals(0, provision("keys", "--out", dir.resolve("list-keys").toString()));
        UplinkConfig uplink = new UplinkConfig(broker.uri(), "limen-hq-door-1", "limen/hq/door-1", Duration.ofSeconds(2),
                Duration.ofSeconds(2), Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5), Optional.empty(),
                Duration.ofMinutes(1), 1, Duration.ofHours(1), new BatchConfig(2, Duration.ofSeconds(1), 2048));
        config = AgentConfig.defaults(trust).withTerminal(new TerminalConfig("hq", "door-1", Optional.of("lobby")))
                .withRevocation(RevocationConfig.at(dir.resolve("revocations.db")))
                .withScanLog(ScanLogConfig.at(dir.resolve("scanlog.db"))).withUplink(Optional.of(uplink))
                .withLists(new ListsConfig(Optional.of(dir.resolve("list-keys/trust.pem")), Optional.empty(), Duration.ofDays(2),
                        ListsConfig.Degraded.ADMIT_WITH_WARNING, ListsConfig.Degraded.ADMIT_WITH_WARNING));
        seams = HardwareSeams.simulated(new SyntheticFrameSource(List.of(pass)), time);
    }

    @AfterEach
    void tearDown() throws Exception {
        seams.gpio().shutdown();
        broker.close();
    }

    private static Frame readableScene(String text) {
        for (long seed = 1; ; seed++) {
            Frame frame = SyntheticScene.withCode(text, seed);
            if (new QrDecoder().decode(frame).isPresent()) {
                return frame;
            }
        }
    }

    private static int provision(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = ProvisionCommand.commandLine(Clock.fixed(NOW, ZoneOffset.UTC), new SecureRandom(), new PrintWriter(out, true),
                new PrintWriter(err, true)).execute(args);
        assertEquals(0, exit, () -> out + "\n" + err);
        return exit;
    }

    /** A revocation list file with the credential's key and {@code others} more. */
    private Path revokedFile(String name, int others) throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add(claims.revocationKey().toHex());
        for (int i = 0; i < others; i++) {
            lines.add(RevocationKey.of("https://issuer.example", new byte[] {(byte) (i >> 16), (byte) (i >> 8), (byte) i, 7}).toHex());
        }
        return Files.write(dir.resolve(name), lines);
    }

    private void publishLists(long version, Path revoked, String... more) {
        List<String> args = new ArrayList<>(List.of("publish-lists", "--signer", dir.resolve("list-keys/issuer.key").toString(),
                "--version", Long.toString(version), "--revoked", revoked.toString(), "--broker", broker.uri()));
        if (!List.of(more).contains("--topic-prefix")) {
            args.addAll(List.of("--site", "hq"));
        }
        args.addAll(List.of(more));
        provision(args.toArray(String[]::new));
    }

    private Reason admit(Terminal terminal) {
        return terminal.agent().admit(pass).scan().reason();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> listsStatus(Terminal terminal) {
        return (Map<String, Object>) terminal.status().get("lists");
    }

    @SuppressWarnings("unchecked")
    private static String lastRefusedCode(Terminal terminal) {
        Object refused = listsStatus(terminal).get("lastRefused");
        return refused == null ? null : (String) ((Map<String, Object>) refused).get("code");
    }

    @Test
    void publishedToTheBroker_aRunningTerminalTakesTheList_andRevokes() throws Exception {
        try (Terminal terminal = Terminal.assemble(config, seams)) {
            assertEquals(Reason.OK, admit(terminal));

            publishLists(1, revokedFile("revoked.txt", 10), "--trust", dir.resolve("trust.pem").toString());

            await().atMost(WAIT).until(() -> terminal.lists().revocations().version() == 1);
            assertEquals(Reason.REVOKED, admit(terminal));
            assertEquals(NOW, terminal.lists().revocationsAsOf(), "as old as its signed issue time");
            await().atMost(WAIT).until(() -> terminal.lists().trustAsOf().equals(NOW));
            assertEquals(Reason.REVOKED, admit(terminal), "the trust list taken too, the revocation still answers");
            assertEquals(null, lastRefusedCode(terminal));
        }
    }

    @Test
    void aChunkedSnapshot_publishedBeforeTheTerminalStarts_isReassembledFromTheRetainedMessages() throws Exception {
        publishLists(3, revokedFile("revoked.txt", 2_500), "--chunk-keys", "1000");
        try (Terminal terminal = Terminal.assemble(config, seams)) {
            await().atMost(WAIT).until(() -> terminal.lists().revocations().version() == 3);
            assertEquals(2_501, terminal.lists().revocations().size());
            assertEquals(Reason.REVOKED, admit(terminal));
            assertEquals(null, listsStatus(terminal).get("assembling"));
            assertEquals(null, lastRefusedCode(terminal));
        }
    }

    @Test
    void aTruncatedSet_aForeignChunk_andAnOversizeClaim_areRefusedAndReported_whileTheHeldListStays() throws Exception {
        publishLists(1, revokedFile("revoked.txt", 0));
        SigningKey signer = IssuerKey.load(dir.resolve("list-keys/issuer.key")).signingKey();
        SnapshotId id = SnapshotId.random(new SecureRandom());
        SnapshotId other = SnapshotId.random(new SecureRandom());
        MqttAsyncClient rogue = new MqttAsyncClient(broker.uri(), "rogue", new MemoryPersistence());
        try (Terminal terminal = Terminal.assemble(config, seams)) {
            await().atMost(WAIT).until(() -> terminal.lists().revocations().version() == 1);
            rogue.connect(new MqttConnectionOptions()).waitForCompletion(5000);

            // Version 2 would un-revoke the credential; only two of its three chunks arrive.
            publish(rogue, TOPICS.revocationChunk(0), chunk(signer, 2, 0, 3, id));
            publish(rogue, TOPICS.revocationChunk(1), chunk(signer, 2, 1, 3, id));
            await().atMost(WAIT).until(() -> listsStatus(terminal).get("assembling") != null);
            assertTrue(((String) listsStatus(terminal).get("assembling")).contains("2 staged"), listsStatus(terminal).toString());
            // A chunk 2 of another snapshot of version 2.
            publish(rogue, TOPICS.revocationChunk(2), chunk(signer, 2, 2, 3, other));
            await().atMost(WAIT).until(() -> "foreign_chunk".equals(lastRefusedCode(terminal)));
            assertEquals(1, terminal.lists().revocations().version());
            assertEquals(Reason.REVOKED, admit(terminal));

            // A snapshot claiming 100,000 chunks.
            publish(rogue, TOPICS.revocationChunk(0), chunk(signer, 3, 0, 100_000, other));
            await().atMost(WAIT).until(() -> "too_large".equals(lastRefusedCode(terminal)));
            assertEquals(1, terminal.lists().revocations().version());

            // A whole newer snapshot: the incomplete version 2 is truncated, nothing of it applied.
            publish(rogue, TOPICS.revocationChunk(0), chunk(signer, 4, 0, 1, other, claims.revocationKey()));
            await().atMost(WAIT).until(() -> terminal.lists().revocations().version() == 4);
            assertEquals("truncated", lastRefusedCode(terminal));
            assertEquals(Reason.REVOKED, admit(terminal));
            assertEquals(null, listsStatus(terminal).get("assembling"));
            rogue.disconnect().waitForCompletion(5000);
        } finally {
            rogue.close(true);
        }
    }

    @Test
    void aSnapshotWhoseChunksStop_isDroppedAfterLists_snapshotTimeout_saidInStatus_andAskedForAgain_onAConfiguredTopicPrefix() throws Exception {
        config = config.withLists(config.lists().withSnapshotTimeout(Duration.ofSeconds(30)).withTopicPrefix("fleet/{site}/door-lists"));
        ListTopics topics = new ListTopics("fleet/hq/door-lists");
        publishLists(1, revokedFile("revoked.txt", 0), "--topic-prefix", "fleet/hq/door-lists");
        SigningKey signer = IssuerKey.load(dir.resolve("list-keys/issuer.key")).signingKey();
        SnapshotId id = SnapshotId.random(new SecureRandom());
        MqttAsyncClient rogue = new MqttAsyncClient(broker.uri(), "rogue", new MemoryPersistence());
        try (Terminal terminal = Terminal.assemble(config, seams)) {
            await().atMost(WAIT).until(() -> terminal.lists().revocations().version() == 1);
            rogue.connect(new MqttConnectionOptions()).waitForCompletion(5000);
            // Version 2 would un-revoke the credential; one of its two chunks arrives, then nothing.
            publish(rogue, topics.revocationChunk(0), chunk(signer, 2, 0, 2, id));
            await().atMost(WAIT).until(() -> listsStatus(terminal).get("assembling") != null);

            time.advance(Duration.ofSeconds(25));
            assertTrue(terminal.awaitListSync(WAIT));
            assertTrue(listsStatus(terminal).get("assembling") != null, "25 s: still waiting");
            time.advance(Duration.ofSeconds(10));
            assertTrue(terminal.awaitListSync(WAIT));

            assertEquals("snapshot_timeout", lastRefusedCode(terminal), listsStatus(terminal).toString());
            assertEquals(null, listsStatus(terminal).get("assembling"));
            assertEquals(1, terminal.lists().revocations().version());
            assertEquals(Reason.REVOKED, admit(terminal), "the held list stays in force");

            // The terminal asked the broker for the retained chunks again: chunk 0 is staged afresh.
            await().atMost(WAIT).until(() -> listsStatus(terminal).get("assembling") != null);
            // The missing chunk, late: the snapshot completes.
            publish(rogue, topics.revocationChunk(1), chunk(signer, 2, 1, 2, id));
            await().atMost(WAIT).until(() -> terminal.lists().revocations().version() == 2);
            assertEquals(Reason.OK, admit(terminal));
            rogue.disconnect().waitForCompletion(5000);
        } finally {
            rogue.close(true);
        }
    }

    private static byte[] chunk(SigningKey signer, long version, int index, int count, SnapshotId id, RevocationKey... keys) {
        ListHeader header = new ListHeader(ListKind.REVOCATIONS, "*", version, OptionalLong.empty(), NOW, NOW.plusSeconds(86_400),
                Optional.of(new ListHeader.Chunk(index, count, id)));
        return ListDocuments.sign(signer, new ListDocument.Revocations(header, List.of(keys), List.of()));
    }

    private static void publish(MqttAsyncClient client, String topic, byte[] payload) throws Exception {
        client.publish(topic, new MqttMessage(payload, 1, true, null)).waitForCompletion(5000);
    }
}
