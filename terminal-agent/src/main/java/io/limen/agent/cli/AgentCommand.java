package io.limen.agent.cli;

import io.limen.cli.CheckedMain;
import io.limen.cli.SubcommandVersions;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The terminal agent's command line. Exit codes: 0 done; 1 could not do what was asked (a file could
 * not be read, the output could not be written; see each command); 2 bad arguments, also arguments
 * that did not decode in the caller's locale.
 */
@Command(name = "limen agent", mixinStandardHelpOptions = true, version = "Limen terminal agent 0.1.0",
        description = "The Limen terminal agent: checks QR credentials offline and drives the entrance.",
        subcommands = {RunCommand.class, ScanCommand.class, DemoCommand.class, ConfigCommand.class, LogCommand.class,
                ListsCommand.class, SelftestCommand.class})
public final class AgentCommand {

    public static void main(String[] args) {
        System.exit(run(args, CheckedMain.stdout(), CheckedMain.stderr()));
    }

    /** Runs one command line to its exit code ({@link CheckedMain#run}). */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        return CheckedMain.run("limen agent", commandLine(), args, out, err);
    }

    public static CommandLine commandLine() {
        return SubcommandVersions.inherit(new CommandLine(new AgentCommand())
                .setExecutionExceptionHandler(AgentCommand::reportFailure)
                // An argument starting with @ is that argument (an image named @door.png), never a file of options.
                .setExpandAtFiles(false));
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
