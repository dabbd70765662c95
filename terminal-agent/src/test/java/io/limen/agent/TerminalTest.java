package io.limen.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import io.limen.agent.camera.Frame;
import io.limen.agent.decode.QrDecoder;
import io.limen.agent.display.DisplayMessage;
import io.limen.agent.display.RecordingDisplay;
import io.limen.agent.gate.GateCommand;
import io.limen.agent.gate.PinRole;
import io.limen.agent.lists.ListSnapshot;
import io.limen.agent.revocation.RevocationSet;
import io.limen.agent.revocation.RevocationStore;
import io.limen.agent.revocation.SqliteConnections;
import io.limen.agent.simulation.SyntheticFrameSource;
import io.limen.agent.simulation.SyntheticScene;
import io.limen.agent.time.SimulatedTime;
import io.limen.config.AgentConfig;
import io.limen.config.GateConfig;
import io.limen.config.RevocationConfig;
import io.limen.config.TerminalConfig;
import io.limen.format.Reason;
import io.limen.format.credential.Claims;
import io.limen.format.cose.CoseAlgorithm;
import io.limen.format.credential.CredentialId;
import io.limen.format.credential.CredentialIssuer;
import io.limen.format.credential.IssuerKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The composition root assembles a working terminal from a config and simulated seams. */
class TerminalTest {

    static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    @TempDir
    Path dir;
    Claims claims;
    Frame pass;
    AgentConfig config;
    SimulatedTime time = new SimulatedTime(NOW);
    RecordingDisplay display = new RecordingDisplay();
    HardwareSeams seams;

    @BeforeEach
    void issue() throws Exception {
        IssuerKey key = IssuerKey.generate(CoseAlgorithm.EDDSA, new SecureRandom());
        claims = new Claims("https://issuer.example", "holder-1", NOW.minusSeconds(60), Optional.empty(), NOW.plus(Duration.ofDays(1)),
                CredentialId.fromHex("00112233445566778899aabbccddeeff"), Optional.empty(), List.of("lobby"), Optional.of("Ada"));
        String text = new CredentialIssuer(key).issue(claims);
        pass = readableScene(text);
        Path trust = Files.writeString(dir.resolve("trust.pem"), key.publicKeyPem());
        config = AgentConfig.defaults(trust).withTerminal(new TerminalConfig("hq", "door-1", Optional.of("lobby")));
        seams = HardwareSeams.simulated(new SyntheticFrameSource(List.of(SyntheticScene.withoutCode(1), pass)), time).withDisplay(display);
    }

    @AfterEach
    void shutDown() {
        seams.gpio().shutdown();
    }

    private static Frame readableScene(String text) {
        for (long seed = 1; ; seed++) {
            Frame frame = SyntheticScene.withCode(text, seed);
            if (new QrDecoder().decode(frame).isPresent()) {
                return frame;
            }
        }
    }

    private DigitalState relay(Terminal terminal) {
        return ((DigitalOutput) terminal.gate().pins().get(PinRole.RELAY)).state();
    }

    @Test
    void frameWithoutCode_thenAPass_noCodeChangesNothing_thePassPulsesTheRelayUntilSimulatedTimeEndsIt() throws Exception {
        try (Terminal terminal = Terminal.assemble(config, seams)) {
            Agent.Admission empty = terminal.agent().admit(seams.camera().next().orElseThrow());
            assertInstanceOf(ScanOutcome.NoCode.class, empty.scan());
            assertTrue(empty.gateCommand().isEmpty());
            assertEquals(List.of(), display.shown());

            Agent.Admission granted = terminal.agent().admit(seams.camera().next().orElseThrow());
            assertEquals(Reason.OK, granted.scan().reason());
            assertEquals(new GateCommand(GateCommand.Kind.GRANTED, GateConfig.DEFAULTS.grantPulse()), granted.gateCommand().orElseThrow());
            assertEquals(List.of(new DisplayMessage(true, "welcome, Ada")), display.shown());
            assertEquals(DigitalState.HIGH, relay(terminal));

            time.advance(GateConfig.DEFAULTS.grantPulse());

            assertEquals(DigitalState.LOW, relay(terminal));
            assertEquals(NOW.plus(GateConfig.DEFAULTS.grantPulse()), time.read().instant(), "one time drives both clocks");
        }
    }

    @Test
    void listsReplaced_judgeFromTheNextScan() throws Exception {
        try (Terminal terminal = Terminal.assemble(config, seams)) {
            assertEquals(Reason.OK, terminal.agent().admit(pass).scan().reason());

            ListSnapshot old = terminal.lists();
            terminal.replaceLists(new ListSnapshot(old.trust(), RevocationSet.of(2, claims.revocationKey()), old.trustAsOf(), NOW));

            assertEquals(Reason.REVOKED, terminal.agent().admit(pass).scan().reason());
        }
    }

    @Test
    void revocationStoreOfTheConfig_isOpenedThroughTheSeam_withTheConfiguredBusyTimeout() throws Exception {
        Path db = dir.resolve("revocations.db");
        try (RevocationStore store = RevocationStore.open(SqliteConnections.file(db))) {
            store.replaceAll(5, List.of(claims.revocationKey()));
        }
        List<String> opened = new ArrayList<>();
        HardwareSeams recording = new HardwareSeams(seams.camera(), seams.gpio(), display, time, time, (file, busy) -> {
            opened.add(file.getFileName() + " " + busy.toMillis() + " ms");
            return SqliteConnections.readOnly(file, busy);
        });
        AgentConfig withStore = config.withRevocation(new RevocationConfig(Optional.of(db), Duration.ofMillis(1500)));

        try (Terminal terminal = Terminal.assemble(withStore, recording)) {
            assertEquals(List.of("revocations.db 1500 ms"), opened);
            assertEquals(5, terminal.lists().revocations().version());
            assertEquals(Reason.REVOKED, terminal.agent().admit(pass).scan().reason());
        }
    }

    @Test
    void frameToRelay_isMeasuredFromTheFramesArrival_notFromTheCall() throws Exception {
        try (Terminal terminal = Terminal.assemble(config, seams)) {
            long waited = Duration.ofMillis(40).toNanos();
            Agent.Admission admission = terminal.agent().admit(pass.arrivedAt(System.nanoTime() - waited));

            assertTrue(admission.frameToRelayNanos() >= waited, admission.frameToRelayNanos() + " ns");
            assertTrue(admission.scan().times().totalNanos() < admission.frameToRelayNanos());
        }
    }
}
