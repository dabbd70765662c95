package io.limen.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code limen agent config check FILE}: what it prints and its exit codes. */
class ConfigCheckCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void files() throws IOException {
        Files.writeString(dir.resolve("trust.pem"), "-----BEGIN PUBLIC KEY-----\n");
        Files.createDirectories(dir.resolve("state"));
        Files.createDirectories(dir.resolve("logs"));
    }

    private int run(String... args) {
        return AgentCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void validFile_printsOkAndTheEffectiveConfig_exit0() throws IOException {
        Path config = Files.writeString(dir.resolve("limen.yaml"), """
                terminal: {site: hq, id: door-1}
                credentials: {trustFile: trust.pem}
                camera: {source: {kind: synthetic}}
                paths: {state: state, logs: logs}
                """);

        assertEquals(0, run("config", "check", config.toString()), err.toString());

        String printed = out.toString();
        assertTrue(printed.startsWith("ok\nterminal:\n  site: hq\n  id: door-1\n  zone: null\nboard:\n"), printed);
        assertTrue(printed.contains("\n  trustFile: " + dir.resolve("trust.pem") + "\n"), printed);
        assertTrue(printed.contains("\ngate:\n  pulseMs: 800\n  denyMs: 1500\n  fireAlarmDebounceMs: 10\n  driver: pi4j\n"), printed);
        assertEquals("", err.toString());
    }

    @Test
    void anOledWhoseFontIsMissing_isValid_withANoteOnStderr() throws IOException {
        String base = """
                terminal: {site: hq, id: door-1}
                credentials: {trustFile: trust.pem}
                camera: {source: {kind: synthetic}}
                paths: {state: state, logs: logs}
                """;
        Path config = Files.writeString(dir.resolve("limen.yaml"), base + "display: {type: oled, language: zh, font: unifont.hex}\n");
        assertEquals(0, run("config", "check", config.toString()), err.toString());
        assertTrue(out.toString().startsWith("ok\n"), out.toString());
        assertEquals("note: display.font not usable (font_missing: " + dir.resolve("unifont.hex") + " does not exist (Debian's unifont"
                + " package: apt-get install unifont)); the OLED will show English with its built-in glyphs\n", err.toString());

        err.getBuffer().setLength(0);
        Files.writeString(config, base + "display: {type: oled, language: zh}\n"); // Debian's /usr/share/unifont/unifont.hex
        assertEquals(0, run("config", "check", config.toString()));
        assertEquals("", err.toString());
    }

    @Test
    void invalidFile_printsEveryProblemAndACount_onStderr_exit1() throws IOException {
        Path config = Files.writeString(dir.resolve("limen.yaml"), """
                terminal: {site: hq, id: door-1}
                credentials: {trustFile: trust.pem}
                camera: {source: {kind: synthetic}}
                paths: {state: state, logs: logs}
                gate:
                  pulseMs: 0
                  pulse_ms: 500
                """);

        assertEquals(1, run("config", "check", config.toString()));

        assertEquals("", out.toString());
        assertEquals(config + ":6:12 gate.pulseMs: 0 — must be between 50 and 10000\n"
                + config + ":7:3 gate.pulse_ms: unknown key — did you mean gate.pulseMs?\n"
                + "2 problems in " + config + "\n", err.toString());
    }

    @Test
    void missingFile_isOneProblem_exit1() {
        Path missing = dir.resolve("nope.yaml");

        assertEquals(1, run("config", "check", missing.toString()));

        assertEquals(missing + ": no such file — give the path of the terminal's YAML config\n1 problem in " + missing + "\n",
                err.toString());
    }

    @Test
    void noFileNamed_orNoSubcommand_isAUsageError_exit2() {
        assertEquals(2, run("config", "check"));
        assertTrue(err.toString().contains("Missing required parameter: 'FILE'"), err.toString());

        assertEquals(2, run("config"));
        assertTrue(err.toString().contains("name a subcommand: check"), err.toString());
    }
}
