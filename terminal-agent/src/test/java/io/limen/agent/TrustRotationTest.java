package io.limen.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.agent.camera.Frame;
import io.limen.agent.decode.QrDecoder;
import io.limen.agent.simulation.SyntheticFrameSource;
import io.limen.agent.simulation.SyntheticScene;
import io.limen.agent.time.SimulatedTime;
import io.limen.config.AgentConfig;
import io.limen.config.ListsConfig;
import io.limen.config.RevocationConfig;
import io.limen.config.TerminalConfig;
import io.limen.format.Reason;
import io.limen.format.credential.Claims;
import io.limen.format.credential.CredentialId;
import io.limen.format.credential.CredentialIssuer;
import io.limen.format.credential.IssuerKey;
import io.limen.provisioning.ProvisionCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An issuer key rotated and retired with {@code limen provision trust}, end to end with real keys and
 * signatures: the signed lists go through a running terminal's drop folder ({@code ListImport},
 * {@code TrustListUpdates}), and credentials signed with each key are shown to it as time is stepped.
 * The new key verifies from its start, both during the overlap, the old one not after it (its kid is
 * then unknown: {@code unknown_kid}), and a retired key not from the list that retires it.
 */
class TrustRotationTest {

    static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");
    static final String ISS = "https://acme.example";

    @TempDir
    Path dir;
    final SimulatedTime time = new SimulatedTime(T0);
    HardwareSeams seams;
    AgentConfig config;
    Path drop;
    int dropped;

    @BeforeEach
    void setUp() throws Exception {
        provision("keys", "--out", dir.resolve("list-keys").toString());
        provision("keys", "--issuer", ISS, "--out", dir.resolve("old").toString());
        provision("keys", "--issuer", ISS, "--out", dir.resolve("new").toString());
        provision("keys", "--issuer", ISS, "--out", dir.resolve("spare").toString());
        Path trust = Files.copy(dir.resolve("old/trust.pem"), dir.resolve("trust.pem"));
        drop = Files.createDirectory(dir.resolve("drop"));
        config = AgentConfig.defaults(trust).withTerminal(new TerminalConfig("hq", "door-1", Optional.of("lobby")))
                .withRevocation(RevocationConfig.at(dir.resolve("revocations.db")))
                .withLists(new ListsConfig(Optional.of(dir.resolve("list-keys/trust.pem")), Optional.of(drop), Duration.ofDays(60),
                        ListsConfig.Degraded.ADMIT_WITH_WARNING, ListsConfig.Degraded.ADMIT_WITH_WARNING));
        seams = HardwareSeams.simulated(new SyntheticFrameSource(List.of()), time);
    }

    @AfterEach
    void tearDown() {
        seams.gpio().shutdown();
    }

    /** {@code limen provision ARGS} at the simulated time; asserts exit 0 and gives its output. */
    private String provision(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return time.read().instant();
            }
        };
        int exit = ProvisionCommand.commandLine(clock, new SecureRandom(), new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        assertEquals(0, exit, () -> out + "\n" + err);
        return out.toString();
    }

    private String trust(String command, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("trust", command, "--state", dir.resolve("trust-state.json").toString(),
                "--signer", dir.resolve("list-keys/issuer.key").toString(), "--out", dir.resolve("lists").toString()));
        all.addAll(List.of(args));
        return provision(all.toArray(String[]::new));
    }

    /** Drops trust-vN.cose into the terminal's drop folder and lets it look. */
    private void deliver(Terminal terminal, long version) throws Exception {
        Files.copy(dir.resolve("lists/trust-v" + version + ".cose"), drop.resolve(String.format("%02d-trust-v%d.cose", dropped++, version)));
        look(terminal);
        assertTrue(Files.exists(drop.resolve("applied").resolve(String.format("%02d-trust-v%d.cose", dropped - 1, version))),
                () -> "trust-v" + version + " was not applied");
    }

    private void look(Terminal terminal) throws Exception {
        time.advance(Terminal.LIST_REFRESH);
        assertTrue(terminal.awaitListSync(Duration.ofSeconds(30)));
        time.advance(Terminal.LIST_REFRESH); // a look that began during the step saw an earlier time: one more at the last
        assertTrue(terminal.awaitListSync(Duration.ofSeconds(30)));
    }

    private Frame pass(String keyFolder, String holder) throws Exception {
        IssuerKey key = IssuerKey.load(dir.resolve(keyFolder).resolve("issuer.key"));
        Claims claims = new Claims(ISS, holder, T0.minusSeconds(60), Optional.empty(), T0.plus(Duration.ofDays(90)),
                CredentialId.fromHex("00112233445566778899aabbccdd" + String.format("%04x", holder.hashCode() & 0xffff)), Optional.empty(),
                List.of("lobby"), Optional.empty());
        String text = new CredentialIssuer(key).issue(claims);
        for (long seed = 1; ; seed++) {
            Frame frame = SyntheticScene.withCode(text, seed);
            if (new QrDecoder().decode(frame).isPresent()) {
                return frame;
            }
        }
    }

    private static Reason admit(Terminal terminal, Frame frame) {
        return terminal.agent().admit(frame).scan().reason();
    }

    private static String kid(Path trustPem) throws Exception {
        return io.limen.format.credential.TrustStore.load(trustPem).keys().get(0).keyId().toHex();
    }

    @Test
    void aRotatedKey_isTrustedFromItsStart_bothDuringTheOverlap_theOldOneNotAfter_andARetiredKeyNotAtAll() throws Exception {
        Frame oldPass = pass("old", "holder-old");
        Frame newPass = pass("new", "holder-new");
        Frame sparePass = pass("spare", "holder-spare");
        trust("add", "--key", dir.resolve("old/trust.pem").toString());
        try (Terminal terminal = Terminal.assemble(config, seams)) {
            deliver(terminal, 1);
            assertEquals(Reason.OK, admit(terminal, oldPass));
            assertEquals(Reason.UNKNOWN_KID, admit(terminal, newPass));

            // Rotation announced an hour ahead: the new key is listed, pending; the old one ends a week after it begins.
            time.advance(Duration.ofHours(1));
            Instant newFrom = time.read().instant().plus(Duration.ofHours(1));
            trust("rotate", "--issuer", ISS, "--new-key", dir.resolve("new/trust.pem").toString(), "--overlap", "P7D",
                    "--valid-from", newFrom.toString());
            deliver(terminal, 2);
            assertEquals(Reason.OK, admit(terminal, oldPass));
            assertEquals(Reason.UNKNOWN_KID, admit(terminal, newPass), "the new key is not valid before its start");

            time.advance(Duration.ofHours(1));
            look(terminal); // no new list: the terminal notices the new key's start itself
            assertEquals(Reason.OK, admit(terminal, oldPass), "during the overlap the old key verifies");
            assertEquals(Reason.OK, admit(terminal, newPass), "during the overlap the new key verifies");

            time.advance(Duration.ofDays(7));
            look(terminal);
            assertEquals(Reason.UNKNOWN_KID, admit(terminal, oldPass), "after the overlap the old key's validity has ended");
            assertEquals(Reason.OK, admit(terminal, newPass));

            // A second key beside the new one, then retired: refused from the list that retires it.
            trust("add", "--key", dir.resolve("spare/trust.pem").toString());
            deliver(terminal, 3);
            assertEquals(Reason.OK, admit(terminal, sparePass));
            String out = trust("retire", "--kid", kid(dir.resolve("spare/trust.pem")));
            assertTrue(out.contains("retired " + kid(dir.resolve("spare/trust.pem"))), out);
            deliver(terminal, 4);
            assertEquals(Reason.UNKNOWN_KID, admit(terminal, sparePass));
            assertEquals(Reason.OK, admit(terminal, newPass));
        }
        // A restart judges the kept signed list at its own time: still the new key only.
        try (Terminal again = Terminal.assemble(config, seams)) {
            assertEquals(Reason.OK, admit(again, newPass));
            assertEquals(Reason.UNKNOWN_KID, admit(again, oldPass));
        }
    }
}
