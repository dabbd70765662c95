package io.limen.provisioning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.format.cose.VerifyingKey;
import io.limen.format.credential.TrustStore;
import io.limen.format.lists.ListDocument;
import io.limen.format.lists.ListDocuments;
import io.limen.format.lists.ListResult;
import io.limen.format.lists.TrustEntry;
import io.limen.testing.Mosquitto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code limen provision trust}: each change is the next signed version of the trust list (real keys,
 * verified as a terminal verifies it), the state file keeps it, and every refusal says its stable code
 * and changes nothing: not the state, not the folder of lists.
 */
class TrustCommandTest {

    static final String ISS = "https://acme.example";

    @TempDir
    Path dir;
    Path state;
    Path lists;

    @BeforeEach
    void keys() {
        ok(Cli.run("keys", "--out", dir.resolve("list-keys").toString()));
        for (String name : List.of("a", "b", "c")) {
            ok(Cli.run("keys", "--issuer", ISS, "--out", dir.resolve(name).toString()));
        }
        ok(Cli.run("keys", "--issuer", "https://other.example", "--out", dir.resolve("other").toString()));
        state = dir.resolve("centre/trust-state.json");
        lists = dir.resolve("lists");
        try {
            Files.createDirectories(lists);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Cli.Result ok(Cli.Result result) {
        assertEquals(0, result.exitCode(), result::toString);
        return result;
    }

    private Cli.Result trust(String command, String... args) {
        List<String> all = new ArrayList<>(List.of("trust", command, "--state", state.toString(),
                "--signer", dir.resolve("list-keys/issuer.key").toString(), "--out", lists.toString()));
        all.addAll(List.of(args));
        return Cli.run(all.toArray(String[]::new));
    }

    private String pem(String name) {
        return dir.resolve(name).resolve("trust.pem").toString();
    }

    private VerifyingKey key(String name) throws Exception {
        return TrustStore.load(dir.resolve(name).resolve("trust.pem")).keys().get(0).key();
    }

    /** trust-vN.cose read as a terminal reads it: verified with the list-signing key. */
    private ListDocument.Trust published(long version) throws Exception {
        return read(Files.readAllBytes(lists.resolve("trust-v" + version + ".cose")));
    }

    private ListDocument.Trust read(byte[] bytes) throws Exception {
        TrustStore signers = TrustStore.load(dir.resolve("list-keys/trust.pem"));
        ListResult result = ListDocuments.read(bytes, signers::keysFor);
        return (ListDocument.Trust) assertInstanceOf(ListResult.Accepted.class, result, result::toString).document();
    }

    /** Runs a command that must be refused with {@code code}, and checks that nothing changed. */
    private void refused(String code, String command, String... args) throws Exception {
        byte[] before = Files.exists(state) ? Files.readAllBytes(state) : null;
        List<Path> listed;
        try (var files = Files.list(lists)) {
            listed = files.sorted().toList();
        }
        Cli.Result result = trust(command, args);
        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.err().startsWith("limen provision trust " + command + ": refused " + code + ": "), result::toString);
        assertArrayEquals(before, Files.exists(state) ? Files.readAllBytes(state) : null, "the state is unchanged");
        try (var files = Files.list(lists)) {
            assertEquals(listed, files.sorted().toList(), "no list was written");
        }
    }

    @Test
    void addThenRotate_signsVersionOneAndTwo_bothKeysValidDuringTheOverlap_theOldOneEndingAfterIt() throws Exception {
        Cli.Result added = ok(trust("add", "--key", pem("a")));
        assertTrue(added.out().contains("trust version 1: 1 key(s), written to " + lists.resolve("trust-v1.cose")), added::toString);
        ListDocument.Trust v1 = published(1);
        assertEquals(1, v1.header().version());
        assertEquals(List.of(new TrustEntry(Optional.of(ISS), key("a"), Cli.NOW, Cli.NOW.plus(Duration.ofDays(365)))), v1.keys());

        Cli.Result rotated = ok(trust("rotate", "--issuer", ISS, "--new-key", pem("b"), "--overlap", "P30D"));
        assertTrue(rotated.out().contains("old key " + key("a").keyId() + " (" + ISS + ") now ends at " + Cli.NOW.plus(Duration.ofDays(30))),
                rotated::toString);
        ListDocument.Trust v2 = published(2);
        assertEquals(List.of(new TrustEntry(Optional.of(ISS), key("a"), Cli.NOW, Cli.NOW.plus(Duration.ofDays(30))),
                new TrustEntry(Optional.of(ISS), key("b"), Cli.NOW, Cli.NOW.plus(Duration.ofDays(365)))), v2.keys());
        assertTrue(v2.keys().stream().allMatch(e -> e.validAt(Cli.NOW.plus(Duration.ofDays(29)))), "both verify during the overlap");

        Cli.Result list = ok(Cli.run("trust", "list", "--state", state.toString()));
        assertTrue(list.out().startsWith("trust version 2: 2 key(s)\n"), list::toString);
        assertTrue(list.out().contains(key("b").keyId() + "  " + ISS + "  " + Cli.NOW + " .. " + Cli.NOW.plus(Duration.ofDays(365)) + "  valid"),
                list::toString);
    }

    @Test
    void retire_takesTheKeyOff_andPublishSendsTheSameSignedListAgain() throws Exception {
        ok(trust("add", "--key", pem("a")));
        ok(trust("add", "--key", pem("b")));
        ok(trust("retire", "--kid", key("a").keyId().toHex()));
        assertEquals(List.of(key("b")), published(3).keys().stream().map(TrustEntry::key).toList());

        Path again = dir.resolve("again");
        Cli.Result sent = ok(Cli.run("trust", "publish", "--state", state.toString(), "--out", again.toString()));
        assertTrue(sent.out().startsWith("trust version 3: 1 key(s)"), sent::toString);
        assertArrayEquals(Files.readAllBytes(lists.resolve("trust-v3.cose")), Files.readAllBytes(again.resolve("trust-v3.cose")));
    }

    @Test
    void everyRefusal_saysItsCode_andChangesNothing() throws Exception {
        refused("no_valid_key", "add", "--key", pem("a"), "--valid-from", "2030-01-01T00:00:00Z");
        assertFalse(Files.exists(state), "a refused first change makes no state");
        ok(trust("add", "--key", pem("a")));
        String kidA = key("a").keyId().toHex();

        refused("unknown_kid", "retire", "--kid", key("b").keyId().toHex());
        refused("last_key", "retire", "--kid", kidA);
        refused("no_valid_key", "retire", "--kid", kidA, "--force");
        refused("already_listed", "add", "--key", pem("a"));
        refused("bad_validity", "add", "--key", pem("b"), "--valid-from", "2027-01-01T00:00:00Z", "--valid-until", "2026-12-01T00:00:00Z");
        refused("bad_validity", "rotate", "--issuer", ISS, "--new-key", pem("b"), "--overlap", "P1D",
                "--valid-from", Cli.NOW.plus(Duration.ofDays(400)).toString(), "--valid-until", Cli.NOW.plus(Duration.ofDays(800)).toString());
        refused("rollback", "add", "--key", pem("b"), "--list-version", "1");
        refused("unknown_issuer", "rotate", "--issuer", "https://other.example", "--new-key", pem("other"), "--overlap", "P1D");
        refused("unknown_kid", "rotate", "--issuer", ISS, "--new-key", pem("b"), "--overlap", "P1D", "--old-kid", key("c").keyId().toHex());

        ok(trust("add", "--key", pem("b")));
        refused("ambiguous_key", "rotate", "--issuer", ISS, "--new-key", pem("c"), "--overlap", "P1D");
        // The last key of one issuer may go with --force while another issuer's key keeps the list usable.
        ok(trust("add", "--key", pem("other")));
        ok(trust("retire", "--kid", key("other").keyId().toHex(), "--force"));
        VerifyingKey other = key("other");
        assertFalse(published(4).keys().stream().anyMatch(e -> e.key().equals(other)));
    }

    @Test
    void withoutACommand_itSaysWhichThereAre_andEachHasHelp() {
        Cli.Result bare = Cli.run("trust");
        assertEquals(2, bare.exitCode(), bare::toString);
        assertTrue(bare.err().contains("a command is required: add, rotate, retire, list or publish"), bare::toString);
        Cli.Result help = ok(Cli.run("trust", "rotate", "--help"));
        assertTrue(help.out().contains("--overlap=DURATION"), help::toString);
        Cli.Result version = ok(Cli.run("trust", "list", "--version"));
        assertTrue(version.out().startsWith("limen provision "), version::toString);
    }

    @Test
    void aBrokerTarget_getsTheSignedListRetained_onTheSitesTrustTopic() throws Exception {
        try (Mosquitto broker = new Mosquitto(Files.createDirectories(dir.resolve("broker"))).start()) {
            Cli.Result added = ok(Cli.run("trust", "add", "--state", state.toString(), "--signer", dir.resolve("list-keys/issuer.key").toString(),
                    "--key", pem("a"), "--broker", broker.uri(), "--site", "hq"));
            assertTrue(added.out().contains("published retained on limen/hq/lists/trust"), added::toString);
            MqttAsyncClient client = new MqttAsyncClient(broker.uri(), "trust-test", new MemoryPersistence());
            CompletableFuture<byte[]> retained = new CompletableFuture<>();
            client.setCallback(new MqttCallback() {
                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    retained.complete(message.getPayload());
                }

                @Override
                public void disconnected(MqttDisconnectResponse response) {
                }

                @Override
                public void mqttErrorOccurred(MqttException exception) {
                }

                @Override
                public void deliveryComplete(IMqttToken token) {
                }

                @Override
                public void connectComplete(boolean reconnect, String serverURI) {
                }

                @Override
                public void authPacketArrived(int reasonCode, MqttProperties properties) {
                }
            });
            client.connect().waitForCompletion(10_000);
            client.subscribe("limen/hq/lists/trust", 1).waitForCompletion(10_000);
            byte[] payload = retained.get(10, TimeUnit.SECONDS);
            client.disconnect().waitForCompletion(10_000);
            client.close();
            assertEquals(1, read(payload).header().version());
            assertEquals(List.of(key("a")), read(payload).keys().stream().map(TrustEntry::key).toList());
        }
    }
}
