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
 * Every kind of event issue 11 lists — a grant used, a grant nobody used, a door forced, a door held
 * open, the exit button, the fire alarm — reaches the scan log from a running terminal: a magnetic-lock
 * door on Pi4J mock pins (door contact, exit button, fire loop driven as wired), its timers on a
 * simulated clock, the rows read back from the SQLite outbox with the credential and direction each
 * names.
 */
class TerminalGateEventKindsTest {

    static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");
    static final String CTI = "0a0b0c0d";
    /** Longer than every input's debounce on the board (door 50 ms, button 20 ms, fire 10 ms). */
    static final Duration SETTLE = Duration.ofMillis(60);

    @TempDir
    Path dir;

    private SimulatedTime time;
    private HardwareSeams seams;

    private void set(String input, DigitalState level) {
        ((MockDigitalInput) seams.gpio().io(input, DigitalInput.class)).mockState(level);
        time.advance(SETTLE);
    }

    @Test
    void everyGateEvent_isLoggedBesideTheDecisions_withItsCredentialAndDirection() throws Exception {
        IssuerKey key = IssuerKey.generate(CoseAlgorithm.EDDSA, new SecureRandom());
        Claims claims = new Claims("https://issuer.example", "holder-7", NOW.minusSeconds(60), Optional.empty(),
                NOW.plus(Duration.ofDays(1)), CredentialId.fromHex(CTI), Optional.empty(), List.of(), Optional.empty());
        Frame pass = readableScene(new CredentialIssuer(key).issue(claims));
        Path trust = Files.writeString(dir.resolve("trust.pem"), key.publicKeyPem());
        Path logFile = dir.resolve("scanlog.db");
        AgentConfig config = AgentConfig.defaults(trust).withScanLog(ScanLogConfig.at(logFile)).withBoard(BoardProfiles.MAGLOCK_DOOR);
        time = new SimulatedTime(NOW);
        seams = HardwareSeams.simulated(new SyntheticFrameSource(List.of()), time);
        try (Terminal terminal = Terminal.assemble(config, seams)) {
            set("exit-button", DigitalState.HIGH);                     // at rest (pull-up), as wired
            assertEquals(Reason.OK, terminal.agent().admit(pass).scan().reason());
            set("door-contact", DigitalState.HIGH);                    // the holder opens the door: passed
            time.advance(GateConfig.DEFAULTS.heldOpen());              // and leaves it open: held_open
            set("door-contact", DigitalState.LOW);

            assertEquals(Reason.OK, terminal.agent().admit(pass).scan().reason());
            time.advance(GateConfig.DEFAULTS.passageTimeout());        // nobody opens it: not_passed

            set("door-contact", DigitalState.HIGH);                    // opened with no grant: forced
            set("door-contact", DigitalState.LOW);

            set("exit-button", DigitalState.LOW);                      // pressed: exit_request
            set("exit-button", DigitalState.HIGH);
            set("door-contact", DigitalState.HIGH);                    // and out through the door: passed, exit
            set("door-contact", DigitalState.LOW);

            set("fire-alarm", DigitalState.HIGH);                      // the panel in alarm: fire_alarm
            set("fire-alarm", DigitalState.LOW);                       // cleared: fire_cleared
        } finally {
            seams.gpio().shutdown();
        }

        try (Outbox outbox = Outbox.openToRead(SqliteConnections.readOnly(logFile))) {
            List<ScanRecord> rows = outbox.tail(20);
            assertEquals(List.of("ok", "passed entry " + CTI, "held_open", "ok", "not_passed entry " + CTI, "forced",
                    "exit_request exit", "passed exit", "fire_alarm", "fire_cleared"), rows.stream().map(r -> r.scan().reason().code()
                    + r.scan().direction().map(d -> " " + d.configName()).orElse("")
                    + (r.scan().gateEvent() ? r.scan().credentialId().map(c -> " " + c).orElse("") : "")).toList());
            // The door's opening counted once its 50 ms debounce held (after the button's 60 ms at rest).
            assertEquals(NOW.plus(SETTLE).plusMillis(50).plus(GateConfig.DEFAULTS.heldOpen()), rows.get(2).scan().decidedAt(),
                    "held_open when the held-open time ran out, not when noticed");
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
