package io.limen.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code limen agent run --config FILE} refuses a bad config before it starts anything. */
class RunCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return AgentCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void configWithProblems_listsEveryOne_exit2_nothingStarted() throws IOException {
        Path config = Files.writeString(dir.resolve("limen.yaml"), """
                terminal: {site: hq, id: door-1}
                credentials: {trustFile: missing.pem}
                gate:
                  pulseMs: 0
                  pulse_ms: 500
                """);

        assertEquals(2, run("run", "--config", config.toString()), err.toString());

        List<String> lines = err.toString().lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(config + ":2:") && l.contains("credentials.trustFile")), err.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(config + ":4:") && l.contains("gate.pulseMs: 0")), err.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(config + ":5:") && l.contains("did you mean gate.pulseMs?")), err.toString());
        assertTrue(lines.get(lines.size() - 1).matches("run: \\d+ problems in .*limen.yaml; nothing started"), lines.get(lines.size() - 1));
        assertEquals("", out.toString());
    }

    @Test
    void missingConfigFile_isAProblemToo_exit2() {
        assertEquals(2, run("run", "--config", dir.resolve("nope.yaml").toString()));
        assertTrue(err.toString().contains("nope.yaml"), err.toString());
    }

    @Test
    void noConfigOption_isAUsageError_exit2() {
        assertEquals(2, run("run"));
        assertTrue(err.toString().contains("--config"), err.toString());
    }
}
