package io.limen.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.limen.agent.camera.Frame;
import io.limen.agent.decode.QrDecoder;
import io.limen.agent.simulation.SyntheticFrameSource;
import io.limen.agent.simulation.SyntheticScene;
import io.limen.agent.time.SimulatedTime;
import io.limen.config.AgentConfig;
import io.limen.config.PolicyConfig;
import io.limen.config.TerminalConfig;
import io.limen.format.Reason;
import io.limen.format.cose.CoseAlgorithm;
import io.limen.format.cose.SigningKey;
import io.limen.format.credential.Claims;
import io.limen.format.credential.CredentialId;
import io.limen.format.credential.CredentialIssuer;
import io.limen.format.credential.HolderKey;
import io.limen.format.credential.IssuerKey;
import io.limen.format.credential.Presenter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The composition root wires the policy section: the window, dynamic codes only, and a replay memory that survives a reload. */
class TerminalDynamicCodeTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    @TempDir
    Path dir;

    private static Frame scene(String text) {
        for (long seed = 1; ; seed++) {
            Frame frame = SyntheticScene.withCode(text, seed);
            if (new QrDecoder().decode(frame).isPresent()) {
                return frame;
            }
        }
    }

    @Test
    void dynamicCodesOnly_theWindowFromTheConfig_andAReloadKeepsTheReplayMemory() throws Exception {
        IssuerKey issuer = IssuerKey.generate(CoseAlgorithm.EDDSA, new SecureRandom());
        SigningKey phone = SigningKey.generate(CoseAlgorithm.EDDSA, new SecureRandom());
        String credential = new CredentialIssuer(issuer).issue(new Claims("https://issuer.example", "holder-1", NOW.minusSeconds(60),
                Optional.empty(), NOW.plus(Duration.ofDays(1)), CredentialId.fromHex("0a"), Optional.of(HolderKey.of(phone.verifyingKey())),
                List.of("lobby"), Optional.empty()));
        Presenter app = new Presenter(credential, phone);
        Frame staticPass = scene(credential);
        Frame fresh = scene(app.present(NOW.plusSeconds(2), new SecureRandom()));
        Frame tenSecondsOld = scene(app.present(NOW, new SecureRandom()));
        Path trust = Files.writeString(dir.resolve("trust.pem"), issuer.publicKeyPem());
        AgentConfig config = AgentConfig.defaults(trust).withTerminal(new TerminalConfig("hq", "door-1", Optional.of("lobby")))
                .withPolicy(new PolicyConfig(Duration.ofSeconds(5), true, Optional.empty()));
        SimulatedTime time = new SimulatedTime(NOW);
        HardwareSeams seams = HardwareSeams.simulated(new SyntheticFrameSource(List.of(SyntheticScene.withoutCode(1))), time);
        try (Terminal terminal = Terminal.assemble(config, seams)) {
            time.advance(Duration.ofSeconds(3));
            assertEquals(Reason.STATIC_NOT_ALLOWED, terminal.agent().admit(staticPass).scan().reason());
            assertEquals(Reason.OK, terminal.agent().admit(fresh).scan().reason());

            time.advance(Duration.ofSeconds(3)); // t = NOW: 6 s ago, past the configured 5 s
            assertEquals(Reason.PRESENTATION_EXPIRED, terminal.agent().admit(tenSecondsOld).scan().reason());

            terminal.reconfigure(config.withPolicy(new PolicyConfig(Duration.ofSeconds(30), true, Optional.empty())));
            assertEquals(Reason.REPLAYED, terminal.agent().admit(fresh).scan().reason(), "a reload forgets no grant");
            assertEquals(Reason.OK, terminal.agent().admit(tenSecondsOld).scan().reason(), "the new window applies at once");

            // Past the old window of the first code, inside the new one; another grant makes the memory tidy up.
            time.advance(Duration.ofSeconds(4));
            assertEquals(Reason.OK, terminal.agent().admit(scene(app.present(NOW.plusSeconds(10), new SecureRandom()))).scan().reason());
            assertEquals(Reason.REPLAYED, terminal.agent().admit(fresh).scan().reason(), "remembered for the window it was granted in or a wider one");
        } finally {
            seams.gpio().shutdown();
        }
    }
}
