package io.limen.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.format.cose.CoseAlgorithm;
import io.limen.format.credential.IssuerKey;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the agent's command line does with its arguments and its output, in-process and in real child JVMs. */
class AgentCommandLineTest {

    @TempDir
    Path dir;

    private Path trust;
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void trustFile() throws IOException {
        trust = Files.writeString(dir.resolve("trust.pem"), IssuerKey.generate(CoseAlgorithm.EDDSA, new SecureRandom()).publicKeyPem());
    }

    @Test
    void argumentStartingWithAt_isAnImageName_notAFileOfOptions() throws IOException {
        Path options = Files.writeString(dir.resolve("notes.txt"), "--text LP1:FROM-THE-NOTES");
        StringWriter out = new StringWriter();

        int exitCode = AgentCommand.run(new String[] {"scan", "--trust", trust.toString(), "@" + options},
                new PrintWriter(out, true), new PrintWriter(err, true));

        assertEquals(1, exitCode, "no image of that name: " + out + err);
        assertTrue(out.toString().startsWith("{\"file\":\"@" + options + "\""), out.toString());
        assertTrue(!out.toString().contains("FROM-THE-NOTES"), out.toString());
    }

    @Test
    void scan_whoseOutputCannotBeWritten_exits1WithAMessage() {
        Writer fullDisk = new Writer() {
            @Override
            public void write(char[] buffer, int offset, int length) throws IOException {
                throw new IOException("No space left on device");
            }

            @Override
            public void flush() throws IOException {
                throw new IOException("No space left on device");
            }

            @Override
            public void close() {
            }
        };

        int exitCode = AgentCommand.run(new String[] {"scan", "--trust", trust.toString(), "--text", "LP1:X"},
                new PrintWriter(fullDisk, true), new PrintWriter(err, true));

        assertEquals(1, exitCode, err.toString());
        assertTrue(err.toString().startsWith("limen agent: could not write to standard output"), err.toString());
    }

    /** The real thing: stdout on /dev/full, in a child process. */
    @Test
    void scan_toDevFull_exits1WithAMessage() throws Exception {
        ProcessBuilder child = child(Map.of(), "scan", "--trust", trust.toString(), "--text", "LP1:X")
                .redirectOutput(new File("/dev/full"));

        Process process = child.start();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(1, process.waitFor(), stderr);
        assertTrue(stderr.startsWith("limen agent: could not write to standard output"), stderr);
    }

    /** Under LC_ALL=C "café" reaches Java as "caf\uFFFD\uFFFD": refused, naming the locale, not used to deny passes. */
    @Test
    void nonAsciiArgument_underACLocale_isRefusedNamingTheLocale() throws Exception {
        Process process = child(Map.of("LC_ALL", "C"), "scan", "--trust", trust.toString(), "--zone", "café", "--text", "LP1:X")
                .start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(2, process.waitFor(), stderr);
        assertEquals("", stdout);
        assertTrue(stderr.startsWith("limen agent: argument 5 ('caf??') is not text in the locale's charset"), stderr);
        assertTrue(stderr.contains("(LC_ALL=C)"), stderr);
    }

    /**
     * A child JVM on this test's class path, started through bash with the arguments as ASCII escapes,
     * so their UTF-8 bytes reach it exactly whatever charset this JVM runs under.
     */
    private ProcessBuilder child(Map<String, String> env, String... args) {
        List<String> words = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AgentCommand.class.getName()));
        words.addAll(List.of(args));
        StringBuilder script = new StringBuilder("exec");
        for (String word : words) {
            script.append(" $'");
            for (byte b : word.getBytes(StandardCharsets.UTF_8)) {
                int c = b & 0xff;
                script.append(c >= 0x20 && c < 0x7f && c != '\'' && c != '\\' ? String.valueOf((char) c) : String.format("\\x%02x", c));
            }
            script.append('\'');
        }
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script.toString()).directory(dir.toFile());
        builder.environment().putAll(env);
        return builder;
    }
}
