package io.limen.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import picocli.CommandLine;

/**
 * What both command lines do around picocli, so that they behave alike. Exit codes: the command's own
 * (0 done, 1 could not do what was asked, 2 bad usage), with two of ours: 2 for an argument that did
 * not decode in the caller's locale, 1 when standard output could not be written.
 */
public final class CheckedMain {

    private CheckedMain() {
    }

    /**
     * Standard output straight on its file descriptor: System.out swallows a write error (a full disk,
     * a closed pipe) and the exit code would say done. UTF-8 whatever the locale, as the arguments are.
     */
    public static PrintWriter stdout() {
        return new PrintWriter(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    }

    /** Standard error, as {@link #stdout}. */
    public static PrintWriter stderr() {
        return new PrintWriter(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    }

    /**
     * Runs one command line to its exit code: refuses arguments that did not decode (2) before parsing,
     * takes arguments starting with {@code @} literally (an image named {@code @door.png}, never a file of
     * options), runs the command, and turns an output that could not be written into 1.
     *
     * @param name        how messages name the program, e.g. {@code limen agent}
     * @param commandLine the command tree; its output and error writers are set to {@code out} and {@code err}
     */
    public static int run(String name, CommandLine commandLine, String[] args, PrintWriter out, PrintWriter err) {
        Optional<String> undecoded = DecodedArguments.problem(args);
        if (undecoded.isPresent()) {
            err.println(name + ": " + undecoded.get());
            err.flush();
            return 2;
        }
        int exitCode = commandLine.setExpandAtFiles(false).setOut(out).setErr(err).execute(args);
        if (out.checkError() && exitCode == 0) {
            err.println(name + ": could not write to standard output (a full disk or a closed pipe?); what it printed is lost");
            err.flush();
            return 1;
        }
        return exitCode;
    }
}
