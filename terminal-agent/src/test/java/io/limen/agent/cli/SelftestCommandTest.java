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
        assertTrue(out.toString().contains("SKIP   inputs      simulated pins"), out.toString());
        assertTrue(out.toString().contains("PASS   trust       1 issuer keys in"), out.toString());
        assertTrue(out.toString().endsWith("skipped: fit to run" + System.lineSeparator()), out.toString());

        StringWriter json = new StringWriter();
        assertEquals(0, run(json, new StringWriter(), "selftest", "--config", config.toString(), "--json"));
        JsonNode root = new ObjectMapper().readTree(json.toString());
        assertEquals(true, root.get("fit").asBoolean());
        assertEquals("clock", root.get("checks").get(3).get("name").asText());
        assertEquals("pass", root.get("checks").get(3).get("status").asText());
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
