package io.limen.agent.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The terminal agent's command line. Exit codes: 0 done; 1 could not do what was asked (a file could
 * not be read, the output could not be written; see each command); 2 bad arguments, also arguments
 * that did not decode in the caller's locale.
 */
@Command(name = "limen agent", mixinStandardHelpOptions = true, version = "Limen terminal agent 0.1.0",
        description = "The Limen terminal agent: checks QR credentials offline and drives the entrance.",
        subcommands = {RunCommand.class, ScanCommand.class, DemoCommand.class, ConfigCommand.class, LogCommand.class})
public final class AgentCommand {

    public static void main(String[] args) {
        // Straight to the file descriptors: System.out would swallow a write error (a full disk) and
        // the exit code would say done. UTF-8 whatever the locale, as the arguments are.
        PrintWriter out = new PrintWriter(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        System.exit(run(args, out, err));
    }

    /**
     * Runs one command line to its exit code: refuses arguments that did not decode (2), runs the
     * command, and turns an output that could not be written into 1.
     */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        Optional<String> undecoded = DecodedArguments.problem(args);
        if (undecoded.isPresent()) {
            err.println("limen agent: " + undecoded.get());
            err.flush();
            return 2;
        }
        int exitCode = commandLine().setOut(out).setErr(err).execute(args);
        if (out.checkError() && exitCode == 0) {
            err.println("limen agent: could not write to standard output (a full disk or a closed pipe?); what it printed is lost");
            err.flush();
            return 1;
        }
        return exitCode;
    }

    public static CommandLine commandLine() {
        return new CommandLine(new AgentCommand())
                .setExecutionExceptionHandler(AgentCommand::reportFailure)
                // An argument starting with @ is that argument (an image named @door.png), never a file of options.
                .setExpandAtFiles(false);
    }

    /** A command that cannot run says why in one line; stack traces are for bugs, not missing files. */
    private static int reportFailure(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        String message = e instanceof java.nio.file.NoSuchFileException missing ? "no such file: " + missing.getFile()
                : e instanceof java.nio.file.AccessDeniedException denied ? "permission denied: " + denied.getFile()
                : e.getMessage() != null ? e.getMessage() : e.toString();
        commandLine.getErr().println(commandLine.getCommandName() + ": " + message);
        return 1;
    }
}
