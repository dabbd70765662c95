package io.limen.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import io.limen.agent.camera.Frame;
import io.limen.agent.decode.QrDecoder;
import io.limen.agent.revocation.SqliteConnections;
import io.limen.agent.scanlog.Outbox;
import io.limen.agent.scanlog.ScanRecord;
import io.limen.agent.simulation.SyntheticFrameSource;
import io.limen.agent.simulation.SyntheticScene;
import io.limen.agent.time.SimulatedTime;
import io.limen.config.AgentConfig;
import io.limen.config.BoardProfiles;
import io.limen.config.GateConfig;
import io.limen.config.ScanLogConfig;
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
 * A terminal on a tripod turnstile with anti-passback: the gate's events go to the scan log beside the
 * decisions, and a grant nobody used is given back to anti-passback while a used one keeps counting.
 */
class TerminalGateEventsTest {

    static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");
    static final String CTI = "0102030405060708090a0b0c0d0e0f10";

    @TempDir
    Path dir;

    @Test
    void passbackWindow_countsUsedGrants_givesBackUnusedOnes_andEveryGateEventIsLogged() throws Exception {
        IssuerKey key = IssuerKey.generate(CoseAlgorithm.EDDSA, new SecureRandom());
        Claims claims = new Claims("https://issuer.example", "holder-7", NOW.minusSeconds(60), Optional.empty(),
                NOW.plus(Duration.ofDays(1)), CredentialId.fromHex(CTI), Optional.empty(), List.of(), Optional.empty());
        Frame pass = readableScene(new CredentialIssuer(key).issue(claims));
        Path trust = Files.writeString(dir.resolve("trust.pem"), key.publicKeyPem());
        Path logFile = dir.resolve("scanlog.db");
        AgentConfig config = AgentConfig.defaults(trust).withScanLog(ScanLogConfig.at(logFile))
                .withGate(GateConfig.DEFAULTS.withAntiPassback(Duration.ofMinutes(1)))
                .withBoard(BoardProfiles.TRIPOD_TURNSTILE);
        SimulatedTime time = new SimulatedTime(NOW);
        HardwareSeams seams = HardwareSeams.simulated(new SyntheticFrameSource(List.of()), time);
        MockDigitalInput entrySensor;
        List<Reason> decided;
        try (Terminal terminal = Terminal.assemble(config, seams)) {
            entrySensor = (MockDigitalInput) seams.gpio().io("passage-entry", DigitalInput.class);
            entrySensor.mockState(DigitalState.HIGH); // idle (the pull-up), as wired
            time.advance(Duration.ofMillis(10));

            Reason first = terminal.agent().admit(pass).scan().reason();           // granted, the arm released
            time.advance(Duration.ofSeconds(1));
            Reason again = terminal.agent().admit(pass).scan().reason();           // same pass, same way: passback
            time.advance(GateConfig.DEFAULTS.passageTimeout());                    // nobody turned: not_passed, given back
            Reason retry = terminal.agent().admit(pass).scan().reason();           // granted again at once
            entrySensor.mockState(DigitalState.LOW);                               // the turn
            time.advance(Duration.ofMillis(200));
            entrySensor.mockState(DigitalState.HIGH);
            time.advance(Duration.ofSeconds(30));
            Reason afterPassing = terminal.agent().admit(pass).scan().reason();    // used 30 s ago: passback
            time.advance(Duration.ofSeconds(30));
            Reason afterWindow = terminal.agent().admit(pass).scan().reason();     // a minute on: admitted
            decided = List.of(first, again, retry, afterPassing, afterWindow);
        } finally {
            seams.gpio().shutdown();
        }

        assertEquals(List.of(Reason.OK, Reason.PASSBACK, Reason.OK, Reason.PASSBACK, Reason.OK), decided);
        try (Outbox outbox = Outbox.openToRead(SqliteConnections.readOnly(logFile))) {
            List<ScanRecord> rows = outbox.tail(20);
            assertEquals(List.of(Reason.OK, Reason.PASSBACK, Reason.NOT_PASSED, Reason.OK, Reason.PASSED, Reason.PASSBACK,
                    Reason.OK), rows.stream().map(r -> r.scan().reason()).toList());
            ScanRecord notPassed = rows.get(2);
            assertEquals(Optional.of(CTI), notPassed.scan().credentialId(), "the gate event names whose grant it was");
            assertEquals(false, notPassed.scan().granted());
            assertEquals(true, notPassed.scan().gateEvent());
            assertEquals(Optional.of(io.limen.config.Direction.ENTRY), notPassed.scan().direction(), "the way the grant let its holder go");
            assertEquals(Optional.of(io.limen.config.Direction.ENTRY), rows.get(4).scan().direction(), "seen by the entry sensor");
            assertEquals(Optional.empty(), rows.get(0).scan().direction(), "a decision has none");
            assertEquals(NOW.plusMillis(10).plus(GateConfig.DEFAULTS.passageTimeout()),
                    notPassed.scan().decidedAt(), "logged when the timeout fell due");
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
