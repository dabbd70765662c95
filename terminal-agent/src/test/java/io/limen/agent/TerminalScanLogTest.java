package io.limen.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.limen.agent.camera.Frame;
import io.limen.agent.decode.QrDecoder;
import io.limen.agent.revocation.SqliteConnections;
import io.limen.agent.scanlog.Outbox;
import io.limen.agent.scanlog.ScanLog;
import io.limen.agent.scanlog.ScanRecord;
import io.limen.agent.simulation.SyntheticFrameSource;
import io.limen.agent.simulation.SyntheticScene;
import io.limen.agent.time.SimulatedTime;
import io.limen.config.AgentConfig;
import io.limen.config.ScanLogConfig;
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

/** The composition root wires the scan log from the config: every decision is logged, no frame without a code is. */
class TerminalScanLogTest {

    static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    @TempDir
    Path dir;

    @Test
    void configuredScanLog_getsEveryDecision_notTheEmptyFrames_durableByClose() throws Exception {
        IssuerKey key = IssuerKey.generate(CoseAlgorithm.EDDSA, new SecureRandom());
        Claims claims = new Claims("https://issuer.example", "holder-1", NOW.minusSeconds(60), Optional.empty(),
                NOW.plus(Duration.ofDays(1)), CredentialId.fromHex("00112233445566778899aabbccddeeff"), Optional.empty(),
                List.of("lobby"), Optional.of("Ada"));
        Frame pass = readableScene(new CredentialIssuer(key).issue(claims));
        Path trust = Files.writeString(dir.resolve("trust.pem"), key.publicKeyPem());
        Path logFile = dir.resolve("scanlog.db");
        AgentConfig config = AgentConfig.defaults(trust).withTerminal(new TerminalConfig("hq", "door-1", Optional.of("lobby")))
                .withScanLog(ScanLogConfig.at(logFile));
        SimulatedTime time = new SimulatedTime(NOW);
        HardwareSeams seams = HardwareSeams.simulated(new SyntheticFrameSource(List.of()), time);
        List<Reason> decided;
        try (Terminal terminal = Terminal.assemble(config, seams)) {
            terminal.agent().admit(SyntheticScene.withoutCode(1));
            Reason first = terminal.agent().admit(pass).scan().reason();
            time.advance(Duration.ofSeconds(2));
            Reason second = terminal.agent().admit(pass).scan().reason();
            terminal.agent().admit(SyntheticScene.withoutCode(2));
            decided = List.of(first, second);
        } finally {
            seams.gpio().shutdown();
        }

        try (Outbox outbox = Outbox.openToRead(SqliteConnections.readOnly(logFile))) {
            List<ScanRecord> rows = outbox.tail(10);
            assertEquals(List.of(1L, 2L), rows.stream().map(ScanRecord::sequence).toList());
            assertEquals(Reason.OK, decided.get(0));
            assertEquals(decided, rows.stream().map(r -> r.scan().reason()).toList());
            assertEquals(Optional.of("00112233445566778899aabbccddeeff"), rows.get(0).scan().credentialId());
            assertEquals(Optional.of("holder-1"), rows.get(0).scan().subject());
            assertEquals(Optional.of("lobby"), rows.get(0).scan().zone());
            assertEquals(NOW, rows.get(0).scan().decidedAt());
            assertEquals(NOW.plusSeconds(2), rows.get(1).scan().decidedAt());
        }
    }

    @Test
    void noScanLogConfigured_isTheNopLog() throws Exception {
        Path trust = Files.writeString(dir.resolve("trust.pem"),
                IssuerKey.generate(CoseAlgorithm.EDDSA, new SecureRandom()).publicKeyPem());
        HardwareSeams seams = HardwareSeams.simulated(new SyntheticFrameSource(List.of()), new SimulatedTime(NOW));
        try (Terminal terminal = Terminal.assemble(AgentConfig.defaults(trust), seams)) {
            assertSame(ScanLog.NONE, terminal.scanLog());
        } finally {
            seams.gpio().shutdown();
        }
        assertEquals(List.of(trust.getFileName()), Files.list(dir).map(Path::getFileName).toList());
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
