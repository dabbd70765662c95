package io.limen.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.limen.agent.camera.Frame;
import io.limen.agent.decode.QrDecoder;
import io.limen.agent.lists.ListSnapshot;
import io.limen.agent.signal.SignalPatterns;
import io.limen.agent.simulation.SyntheticFrameSource;
import io.limen.agent.simulation.SyntheticScene;
import io.limen.agent.time.SimulatedTime;
import io.limen.agent.time.TimeReading;
import io.limen.config.AgentConfig;
import io.limen.config.BoardProfiles;
import io.limen.config.ListsConfig;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a whole terminal signals for each decision: {@code granted}, {@code denied}, and {@code degraded}
 * for a grant made while the clock is untrusted or the lists are stale and the entrance admits anyway.
 */
class TerminalSignalsTest {

    static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");

    @TempDir
    Path dir;

    private Frame pass;
    private AgentConfig config;

    @BeforeEach
    void issue() throws Exception {
        IssuerKey key = IssuerKey.generate(CoseAlgorithm.EDDSA, new SecureRandom());
        Claims claims = new Claims("https://issuer.example", "holder-7", NOW.minus(Duration.ofDays(5)), Optional.empty(),
                NOW.plus(Duration.ofDays(1)), CredentialId.fromHex("0a0b"), Optional.empty(), List.of(), Optional.empty());
        pass = readableScene(new CredentialIssuer(key).issue(claims));
        Path trust = Files.writeString(dir.resolve("trust.pem"), key.publicKeyPem());
        config = AgentConfig.defaults(trust).withBoard(BoardProfiles.TRIPOD_TURNSTILE);
    }

    @Test
    void grantWithATrustedClockAndFreshLists_isGranted_untrustedClock_isDegraded() throws Exception {
        SimulatedTime time = new SimulatedTime(NOW);
        HardwareSeams seams = HardwareSeams.simulated(new SyntheticFrameSource(List.of()), time);
        try (Terminal terminal = Terminal.assemble(config, seams)) {
            Agent.Admission fresh = terminal.agent().admit(pass);
            assertEquals(Reason.OK, fresh.scan().reason());
            assertEquals(false, ((io.limen.agent.policy.Decision.Granted) ((ScanOutcome.Scanned) fresh.scan()).decision()).degraded());
            assertEquals(SignalPatterns.GRANTED, terminal.gate().signal());

            time.advance(Duration.ofSeconds(20));
            time.setTrust(TimeReading.Trust.UNSYNCHRONISED);
            Agent.Admission unsynced = terminal.agent().admit(pass);
            assertEquals(Reason.OK, unsynced.scan().reason(), "admit-with-warning: still admitted");
            assertEquals(true, ((io.limen.agent.policy.Decision.Granted) ((ScanOutcome.Scanned) unsynced.scan()).decision()).degraded());
            assertEquals(SignalPatterns.DEGRADED, terminal.gate().signal());
        } finally {
            seams.gpio().shutdown();
        }
    }

    @Test
    void grantWithStaleLists_isDegraded_andARefusalForStaleLists_isDenied() throws Exception {
        SimulatedTime time = new SimulatedTime(NOW);
        HardwareSeams seams = HardwareSeams.simulated(new SyntheticFrameSource(List.of()), time);
        try (Terminal terminal = Terminal.assemble(config, seams)) {
            ListSnapshot held = terminal.lists();
            Instant old = NOW.minus(ListsConfig.DEFAULT_MAX_AGE).minusSeconds(1);
            terminal.replaceLists(new ListSnapshot(held.trust(), held.revocations(), old, old));
            Agent.Admission stale = terminal.agent().admit(pass);
            assertEquals(Reason.OK, stale.scan().reason());
            assertEquals(SignalPatterns.DEGRADED, terminal.gate().signal());

            time.advance(Duration.ofSeconds(20));
            terminal.reconfigure(config.withLists(new ListsConfig(Optional.empty(), Optional.empty(), ListsConfig.DEFAULT_MAX_AGE,
                    ListsConfig.Degraded.REFUSE, ListsConfig.Degraded.ADMIT_WITH_WARNING)));
            terminal.replaceLists(new ListSnapshot(held.trust(), held.revocations(), old, old));
            Agent.Admission refused = terminal.agent().admit(pass);
            assertEquals(Reason.LISTS_STALE, refused.scan().reason());
            assertEquals(SignalPatterns.DENIED, terminal.gate().signal());
        } finally {
            seams.gpio().shutdown();
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
