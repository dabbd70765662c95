package io.limen.agent.run;

import io.limen.agent.Agent;
import io.limen.agent.HardwareSeams;
import io.limen.agent.Terminal;
import io.limen.agent.camera.CameraCounters;
import io.limen.agent.camera.Frame;
import io.limen.agent.camera.FrameSource;
import io.limen.agent.decode.QrDecoder;
import io.limen.agent.simulation.SyntheticScene;
import io.limen.agent.time.SimulatedTime;
import io.limen.config.AgentConfig;
import io.limen.config.TerminalConfig;
import io.limen.format.cose.CoseAlgorithm;
import io.limen.format.credential.Claims;
import io.limen.format.credential.CredentialId;
import io.limen.format.credential.CredentialIssuer;
import io.limen.format.credential.IssuerKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** A terminal on simulated hardware guarding zone "lobby", with an issuer it trusts and readable camera scenes of its passes. */
final class LoopFixture {

    static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    static final IssuerKey KEY = IssuerKey.generate(CoseAlgorithm.EDDSA, new SecureRandom());

    final AgentConfig config;
    final SimulatedTime time = new SimulatedTime(NOW);
    final List<Agent.Admission> admissions = new CopyOnWriteArrayList<>();

    LoopFixture(Path dir) throws IOException {
        Path trust = Files.writeString(dir.resolve("trust.pem"), KEY.publicKeyPem());
        config = AgentConfig.defaults(trust).withTerminal(new TerminalConfig("hq", "door-1", Optional.of("lobby")));
    }

    /** A pass for the lobby valid from a minute before {@link #NOW} for ten years (child JVMs judge by the real clock); {@code n} makes its id and holder. */
    static String pass(int n) {
        return new CredentialIssuer(KEY).issue(new Claims("https://issuer.example", "holder-" + n, NOW.minusSeconds(60), Optional.empty(),
                NOW.plus(Duration.ofDays(3650)), CredentialId.fromHex(String.format("%032x", n)), Optional.empty(), List.of("lobby"), Optional.empty()));
    }

    /** A scene of {@code text} that the camera path reads (about 98 in 100 do). */
    static Frame readable(String text, long firstSeed) {
        QrDecoder decoder = new QrDecoder();
        for (long seed = firstSeed; seed < firstSeed + 20; seed++) {
            Frame frame = SyntheticScene.withCode(text, seed);
            if (decoder.decode(frame).filter(text::equals).isPresent()) {
                return frame;
            }
        }
        throw new IllegalStateException("no readable scene in 20 seeds");
    }

    Terminal terminal(FrameSource camera) throws IOException {
        return terminal(camera, config);
    }

    Terminal terminal(FrameSource camera, AgentConfig agentConfig) throws IOException {
        return Terminal.assemble(agentConfig, HardwareSeams.simulated(camera, time));
    }

    TerminalRun run(Terminal terminal) {
        return new TerminalRun(terminal, new CameraCounters(), admissions::add);
    }

    /** Runs until the source has played out, then stops; the GPIO context is shut down. */
    static void playOut(TerminalRun run) throws InterruptedException {
        run.start();
        try {
            if (!run.awaitEnd(Duration.ofSeconds(60))) {
                throw new AssertionError("the run did not end within 60 s");
            }
        } finally {
            run.stop();
            run.terminal().seams().gpio().shutdown();
        }
    }
}
