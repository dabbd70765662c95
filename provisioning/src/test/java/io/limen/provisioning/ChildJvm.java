package io.limen.provisioning;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts a real child JVM on this test's class path, as a person's shell would: the arguments are
 * handed to bash as ASCII escapes ($'\xc4\x81'), so their bytes reach the child exactly, whatever
 * charset this JVM runs under (under LC_ALL=C it could not pass them itself).
 */
final class ChildJvm {

    private ChildJvm() {
    }

    static ProcessBuilder command(Path workingDir, Map<String, String> env, String mainClass, String... args) {
        List<String> words = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), mainClass));
        words.addAll(List.of(args));
        StringBuilder script = new StringBuilder("exec");
        for (String word : words) {
            script.append(' ').append(bashWord(word));
        }
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script.toString()).directory(workingDir.toFile());
        builder.environment().putAll(env);
        return builder;
    }

    /**
     * The same command with SIGINT back at its default action. A shell without job control starts a
     * background job with SIGINT ignored, the ignore is inherited across exec, and a JVM started so
     * never sees Ctrl-C (it installs no handler for an ignored SIGINT): a suite started with
     * {@code ./limen test &} failed the Ctrl-C test for that reason alone. Perl resets it before the
     * exec ({@code perl-base} is Essential in Debian); bash cannot ("signals ignored upon entry to the
     * shell cannot be trapped or reset").
     */
    static ProcessBuilder withDefaultSigint(ProcessBuilder builder) {
        List<String> command = new ArrayList<>(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec { $ARGV[0] } @ARGV or die \"exec: $!\";"));
        command.addAll(builder.command());
        return builder.command(command);
    }

    /** Runs to its end; returns exit code, stdout and stderr (read as UTF-8). */
    static Cli.Result run(ProcessBuilder builder) throws IOException, InterruptedException {
        File out = File.createTempFile("child", ".out");
        File err = File.createTempFile("child", ".err");
        try {
            if (builder.redirectOutput() == ProcessBuilder.Redirect.PIPE) {
                builder.redirectOutput(out);
            }
            Process process = builder.redirectError(err).start();
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("child JVM did not end within 60 s: " + builder.command());
            }
            int exitCode = process.exitValue();
            return new Cli.Result(exitCode, java.nio.file.Files.readString(out.toPath(), StandardCharsets.UTF_8),
                    java.nio.file.Files.readString(err.toPath(), StandardCharsets.UTF_8));
        } finally {
            out.delete();
            err.delete();
        }
    }

    /** {@code word} as one bash word of printable ASCII. */
    static String bashWord(String word) {
        StringBuilder quoted = new StringBuilder("$'");
        for (byte b : word.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 0x20 && c < 0x7f && c != '\'' && c != '\\') {
                quoted.append((char) c);
            } else {
                quoted.append(String.format("\\x%02x", c));
            }
        }
        return quoted.append('\'').toString();
    }
}
