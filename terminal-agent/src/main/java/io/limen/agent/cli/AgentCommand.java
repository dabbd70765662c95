package io.limen.agent.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The terminal agent's command line. */
@Command(name = "limen agent", mixinStandardHelpOptions = true, version = "Limen terminal agent 0.1.0",
        description = "The Limen terminal agent: checks QR credentials offline and drives the entrance.",
        subcommands = {ScanCommand.class, DemoCommand.class})
public final class AgentCommand {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return new CommandLine(new AgentCommand()).setExecutionExceptionHandler(AgentCommand::reportFailure);
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
