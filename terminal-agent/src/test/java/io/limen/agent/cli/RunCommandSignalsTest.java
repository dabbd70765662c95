package io.limen.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.agent.camera.Frame;
import io.limen.agent.cli.image.ImageFrames;
import io.limen.agent.decode.QrDecoder;
import io.limen.agent.simulation.SyntheticScene;
import io.limen.format.cose.CoseAlgorithm;
import io.limen.format.credential.Claims;
import io.limen.format.credential.CredentialId;
import io.limen.format.credential.CredentialIssuer;
import io.limen.format.credential.IssuerKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code limen agent run --config FILE} in a real child JVM, as systemd runs it: a replayed camera
 * showing a pass, SIGHUP with a valid new file (it takes effect, no restart), SIGHUP with an invalid one
 * (refused with its problems, the running config stays), SIGTERM (orderly stop, exit 0).
 */
class RunCommandSignalsTest {

    @TempDir
    Path dir;

    @Test
    void reloadOnSighup_validTakesEffect_invalidIsRefused_sigtermExitsZero() throws Exception {
        IssuerKey key = IssuerKey.generate(CoseAlgorithm.EDDSA, new SecureRandom());
        Instant now = Instant.now();
        String pass = new CredentialIssuer(key).issue(new Claims("https://issuer.example", "holder-1", now.minusSeconds(60), Optional.empty(),
                now.plus(Duration.ofDays(1)), CredentialId.fromHex("00112233445566778899aabbccddeeff"), Optional.empty(), List.of("lobby"),
                Optional.empty()));
        Files.writeString(dir.resolve("trust.pem"), key.publicKeyPem());
        Files.createDirectories(dir.resolve("state"));
        Files.createDirectories(dir.resolve("logs"));
        ImageFrames.writePng(readable(pass), Files.createDirectories(dir.resolve("camera")).resolve("pass.png"));
        Path config = dir.resolve("limen.yaml");
        Files.writeString(config, config("lobby", 800));
        Path log = dir.resolve("journal.txt");

        Process child = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // No level on the command line: the test classpath's logging default is warn, so every INFO
                // line read below is there because the config's logging.level applies.
                "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), AgentCommand.class.getName(), "run", "--config", config.toString()))
                .redirectError(log.toFile()).redirectOutput(dir.resolve("out.txt").toFile()).start();
        try {
            awaitInLog(log, "decision granted reason=ok cti=00112233445566778899aabbccddeeff", 1);
            String started = Files.readString(log);
            assertTrue(started.contains("(effective, secrets masked)"), started);
            assertTrue(started.contains("config:     zone: lobby"), started);

            Files.writeString(config, config("parking", 800));
            signal(child, "HUP");
            awaitInLog(log, "decision denied reason=wrong_zone", 1);

            Files.writeString(config, config("lobby", 0));
            signal(child, "HUP");
            awaitInLog(log, "config: reload refused: " + config + ":", 1);
            int denied = count(Files.readString(log), "decision denied reason=wrong_zone");
            awaitInLog(log, "decision denied reason=wrong_zone", denied + 1);

            signal(child, "TERM");
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "no exit 30 s after SIGTERM");
            assertEquals(0, child.exitValue(), () -> read(log));
        } finally {
            child.destroyForcibly();
        }
        String journal = read(log);
        assertTrue(journal.contains("gate.pulseMs: 0"), journal);
        assertTrue(journal.contains("the running configuration stays"), journal);
        assertTrue(journal.contains("run: stopped; outputs safe; frames read="), journal);
        assertEquals(0, count(journal, "decision granted reason=ok") - count(journal.substring(0, journal.indexOf("config: reloaded")),
                "decision granted reason=ok"), "nothing granted in the parking zone");
    }

    /** The pass in view in every frame; a hold of 1 s decides it again every second, so each config shows in the journal. */
    private static String config(String zone, int pulseMs) {
        return """
                terminal: {site: hq, id: door-1, zone: %s}
                camera:
                  source: {kind: replay, path: camera, framesPerSecond: 10, loop: true}
                debounce: {holdMs: 1000}
                gate: {driver: simulated, pulseMs: %d}
                credentials: {trustFile: trust.pem}
                paths: {state: state, logs: logs}
                logging: {level: info}
                """.formatted(zone, pulseMs);
    }

    private static Frame readable(String text) {
        QrDecoder decoder = new QrDecoder();
        for (long seed = 1; ; seed++) {
            Frame frame = SyntheticScene.withCode(text, seed);
            if (decoder.decode(frame).filter(text::equals).isPresent()) {
                return frame;
            }
        }
    }

    private static void signal(Process child, String name) throws IOException, InterruptedException {
        assertEquals(0, new ProcessBuilder("kill", "-" + name, Long.toString(child.pid())).start().waitFor());
    }

    /** Waits (polling the child's journal; a real process, no clock to step) until {@code text} appears {@code times} times. */
    private static void awaitInLog(Path log, String text, int times) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (count(read(log), text) >= times) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not " + times + "x in the child's journal within 30 s: " + text + "\n" + read(log));
    }

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
