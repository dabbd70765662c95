package io.limen.benchmarks;

import io.limen.agent.Agent;
import io.limen.agent.HardwareSeams;
import io.limen.agent.Terminal;
import io.limen.agent.camera.Frame;
import io.limen.agent.simulation.SyntheticFrameSource;
import io.limen.agent.simulation.SyntheticScene;
import io.limen.agent.time.SimulatedTime;
import io.limen.config.AgentConfig;
import io.limen.config.TerminalConfig;
import io.limen.format.Reason;
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
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The terminal the admit-path benchmarks share: a fresh Ed25519 issuer and one valid credential for zone
 * {@code lobby}, its trust file in a temporary folder, a terminal assembled by {@link Terminal} on simulated
 * hardware (Pi4J's mock GPIO, simulated time at {@link #NOW}, never advanced), and {@link #FRAMES}
 * 1280×720 frames of that credential which the camera reads.
 */
final class AdmitTerminal implements AutoCloseable {

    static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    static final int FRAMES = 8;

    private final Path dir;
    private final Terminal terminal;
    private final Agent agent;
    private final Frame[] frames = new Frame[FRAMES];
    private int next;

    /**
     * @param prefix    the temporary folder's name prefix
     * @param configure changes to the default config (zone {@code lobby}, the trust file), given the temporary folder
     * @param seams     changes to the simulated seams (a real display, say)
     * @throws IOException if the temporary folder or trust file cannot be written
     * @throws IllegalStateException if fewer than {@link #FRAMES} of the first 80 scenes are read
     */
    AdmitTerminal(String prefix, BiFunction<AgentConfig, Path, AgentConfig> configure, UnaryOperator<HardwareSeams> seams)
            throws IOException {
        IssuerKey key = IssuerKey.generate(CoseAlgorithm.EDDSA, new SecureRandom());
        String text = new CredentialIssuer(key).issue(new Claims("https://passes.limen.example", "staff-0001",
                NOW.minus(Duration.ofDays(1)), Optional.empty(), NOW.plus(Duration.ofDays(30)),
                CredentialId.fromHex("00112233445566778899aabbccddeeff"), Optional.empty(), List.of("lobby"), Optional.of("Ada")));
        dir = Files.createTempDirectory(prefix);
        Path trust = Files.writeString(dir.resolve("trust.pem"), key.publicKeyPem());
        AgentConfig config = configure.apply(
                AgentConfig.defaults(trust).withTerminal(TerminalConfig.ofZone(Optional.of("lobby"))), dir);
        terminal = Terminal.assemble(config,
                seams.apply(HardwareSeams.simulated(new SyntheticFrameSource(List.of()), new SimulatedTime(NOW))));
        agent = terminal.agent();
        // Only scenes the camera reads (about 98 in 100): this measures the admit path, not a missed read.
        int filled = 0;
        for (long seed = 100; filled < FRAMES; seed++) {
            Frame frame = SyntheticScene.withCode(text, seed);
            if (agent.admit(frame).scan().reason() == Reason.OK) {
                frames[filled++] = frame;
            }
            if (seed > 100 + 10L * FRAMES) {
                throw new IllegalStateException("fewer than " + FRAMES + " readable scenes in " + (10 * FRAMES));
            }
        }
    }

    Agent agent() {
        return agent;
    }

    /** The readable frames in turn. */
    Frame nextFrame() {
        Frame frame = frames[next];
        next = (next + 1) % FRAMES;
        return frame;
    }

    /** Closes the terminal, shuts the mock GPIO down and deletes the temporary folder with all in it. */
    @Override
    public void close() throws IOException {
        terminal.close();
        terminal.seams().gpio().shutdown();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
