package io.limen.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.limen.format.cose.CoseAlgorithm;
import io.limen.format.credential.IssuerKey;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code limen agent selftest}: text or JSON, exit 0 only when every needed check passes. */
class SelftestCommandTest {

    @TempDir
    Path dir;

    private Path config(String trustPem) throws Exception {
        Files.writeString(dir.resolve("trust.pem"), trustPem);
        Files.createDirectories(dir.resolve("state"));
        return Files.writeString(dir.resolve("limen.yaml"), """
                terminal: {site: hq, id: door-1}
                credentials: {trustFile: trust.pem}
                camera: {source: {kind: synthetic}}
                gate: {driver: simulated}
                paths: {state: state, logs: state}
                """);
    }

    private int run(StringWriter out, StringWriter err, String... args) {
        return AgentCommand.run(args, new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    void healthyLaptopTerminal_isFit_inTextAndJson() throws Exception {
        Path config = config(IssuerKey.generate(CoseAlgorithm.EDDSA, new SecureRandom()).publicKeyPem());
        StringWriter out = new StringWriter();
        assertEquals(0, run(out, new StringWriter(), "selftest", "--config", config.toString()));
        assertTrue(out.toString().contains("SKIP   inputs          simulated pins"), out.toString());
        assertTrue(out.toString().contains("PASS   trust           1 issuer keys in"), out.toString());
        assertTrue(out.toString().endsWith("skipped: fit to run" + System.lineSeparator()), out.toString());

        StringWriter json = new StringWriter();
        assertEquals(0, run(json, new StringWriter(), "selftest", "--config", config.toString(), "--json"));
        JsonNode root = new ObjectMapper().readTree(json.toString());
        assertEquals(true, root.get("fit").asBoolean());
        assertTrue(root.get("boundMs").asLong() >= 5_000, root.toString());
        assertTrue(root.get("elapsedMs").asLong() < root.get("boundMs").asLong(), root.toString());
        JsonNode clock = named(root, "clock");
        assertEquals("pass", clock.get("status").asText());
        assertEquals(true, clock.get("needed").asBoolean());
        assertTrue(clock.get("facts").isObject(), clock.toString());
        assertEquals("skip", named(root, "camera").get("status").asText(), "synthetic camera");
    }

    static JsonNode named(JsonNode root, String name) {
        for (JsonNode check : root.get("checks")) {
            if (check.get("name").asText().equals(name)) {
                return check;
            }
        }
        throw new AssertionError("no check " + name + " in " + root);
    }

    /** A terminal whose camera replays a folder of images: the printed card among them, or not. */
    private Path replayConfig(boolean withCard) throws Exception {
        Path frames = Files.createDirectories(dir.resolve("frames"));
        io.limen.agent.cli.image.ImageFrames.writePng(new io.limen.agent.camera.Frame(new byte[320 * 240], 320, 240),
                frames.resolve("1-blank.png"));
        if (withCard) {
            assertEquals(0, run(new StringWriter(), new StringWriter(), "selftest", "--print-test-card",
                    frames.resolve("2-card.png").toString()));
        }
        Path config = config(IssuerKey.generate(CoseAlgorithm.EDDSA, new SecureRandom()).publicKeyPem());
        return Files.writeString(config, Files.readString(config).replace("camera: {source: {kind: synthetic}}",
                "camera: {source: {kind: replay, path: frames, framesPerSecond: 20, loop: true}}"));
    }

    @Test
    void cardHeldUp_isRead_andTheTerminalIsFit_cardMissing_isNot() throws Exception {
        StringWriter out = new StringWriter();
        assertEquals(0, run(out, new StringWriter(), "selftest", "--config", replayConfig(true).toString(), "--expect-card",
                "--camera-seconds", "3"));
        assertTrue(out.toString().contains("PASS   test-card       LIMEN-SELFTEST-CARD-1 read "), out.toString());

        Files.delete(dir.resolve("frames/2-card.png"));
        StringWriter missing = new StringWriter();
        assertEquals(1, run(missing, new StringWriter(), "selftest", "--config", dir.resolve("limen.yaml").toString(),
                "--expect-card", "--camera-seconds", "1", "--json"));
        JsonNode card = named(new ObjectMapper().readTree(missing.toString()), "test-card");
        assertEquals("fail", card.get("status").asText());
        assertEquals(false, card.get("facts").get("seen").asBoolean());
        assertTrue(card.get("facts").get("seenAfterMs").isNull(), card.toString());
    }

    @Test
    void printTestCard_writesAPngOfTheFixedText_andChecksNothing() throws Exception {
        Path card = dir.resolve("card.png");
        StringWriter out = new StringWriter();
        assertEquals(0, run(out, new StringWriter(), "selftest", "--print-test-card", card.toString()));
        assertEquals(java.util.Optional.of("LIMEN-SELFTEST-CARD-1"),
                io.limen.agent.decode.QrDecoder.forStillImages().decode(io.limen.agent.cli.image.ImageFrames.read(card)));
        assertTrue(out.toString().startsWith("selftest: test card written to " + card), out.toString());

        StringWriter err = new StringWriter();
        assertEquals(1, run(new StringWriter(), err, "selftest", "--print-test-card", card.toString()));
        assertTrue(err.toString().contains("exists"), err.toString());
    }

    @Test
    void neitherConfigNorCard_orBoth_orAWindowOutOfRange_isABadCommandLine_exit2() throws Exception {
        Path config = config("");
        StringWriter err = new StringWriter();
        assertEquals(2, run(new StringWriter(), err, "selftest"));
        assertTrue(err.toString().contains("--config"), err.toString());
        assertEquals(2, run(new StringWriter(), new StringWriter(), "selftest", "--config", config.toString(), "--print-test-card",
                dir.resolve("c.png").toString()));
        assertTrue(java.nio.file.Files.notExists(dir.resolve("c.png")));
        StringWriter range = new StringWriter();
        assertEquals(2, run(new StringWriter(), range, "selftest", "--config", config.toString(), "--camera-seconds", "0"));
        assertTrue(range.toString().contains("--camera-seconds must be 1..60, but was 0"), range.toString());
    }

    @Test
    void trustFileWithoutKeys_isNotFit_exit1() throws Exception {
        Path config = config("");
        StringWriter out = new StringWriter();
        assertEquals(1, run(out, new StringWriter(), "selftest", "--config", config.toString()));
        assertTrue(out.toString().contains("FAIL*  trust"), out.toString());
        assertTrue(out.toString().contains("NOT fit to run"), out.toString());
    }
}
