package io.limen.provisioning;

import io.limen.cli.CheckedMain;
import io.limen.cli.SubcommandVersions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.security.SecureRandom;
import java.time.Clock;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code limen provision}: the fleet side's command line. Exit codes: 0 done; 1 could not do what
 * was asked (a file could not be read, written or would be overwritten, the output could not be
 * written), with one line on stderr; 2 bad arguments (also arguments that did not decode in the
 * caller's locale), with one line on stderr naming the option.
 */
@Command(name = "limen provision",
        headerHeading = "%n",
        header = "Fleet-side tools for Limen entrance terminals: keys, credentials and telemetry.",
        description = {
            "Typical first use:",
            "  limen provision keys --out ~/limen-keys/",
            "      (copy trust.pem to the terminals; keep issuer.key secret, outside git)",
            "  limen provision issue --key ~/limen-keys/issuer.key --issuer https://acme.example \\",
            "      --subject staff-0042 --name \"Ada L.\" --zone lobby --valid-for P30D \\",
            "      --out ada",
            "      (gives ada.png, the QR code to hand to the holder, and ada.txt)",
            ""},
        commandListHeading = "%nCommands:%n",
        footerHeading = "%n",
        footer = "Run 'limen provision COMMAND --help' for a command's options.",
        mixinStandardHelpOptions = true,
        versionProvider = ProvisionCommand.Version.class,
        subcommands = CommandLine.HelpCommand.class)
public final class ProvisionCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, Clock.systemUTC(), new SecureRandom(), CheckedMain.stdout(), CheckedMain.stderr(), FileSet.Steps.NONE));
    }

    /** Runs one command line to its exit code ({@link CheckedMain#run}). */
    static int run(String[] args, Clock clock, SecureRandom random, PrintWriter out, PrintWriter err, FileSet.Steps steps) {
        return CheckedMain.run("limen provision", commandLine(clock, random, out, err, steps), args, out, err);
    }

    /** The whole command tree, wired by hand; tests pass their own clock, randomness and writers. */
    public static CommandLine commandLine(Clock clock, SecureRandom random, PrintWriter out, PrintWriter err) {
        return commandLine(clock, random, out, err, FileSet.Steps.NONE);
    }

    static CommandLine commandLine(Clock clock, SecureRandom random, PrintWriter out, PrintWriter err, FileSet.Steps steps) {
        CommandLine cli = new CommandLine(new ProvisionCommand())
                .addSubcommand(new KeysCommand(random, steps))
                .addSubcommand(new IssueCommand(clock, random, steps))
                .addSubcommand(new ConsumeCommand(clock, random, ConsumeCommand.Lifetime.SHUTDOWN_HOOK))
                .addSubcommand(new RevokeCommand())
                .addSubcommand(new PublishListsCommand(clock, random))
                .addSubcommand(TrustCommand.commandLine(clock))
                .addSubcommand(new HolderKeysCommand(random, steps))
                .addSubcommand(new PresentCommand(clock, random, duration -> Thread.sleep(duration.toMillis())))
                .setCaseInsensitiveEnumValuesAllowed(true)
                // An argument starting with @ is that argument (a name such as @ada), never a file of options.
                .setExpandAtFiles(false)
                .setOut(out)
                .setErr(err);
        cli.setParameterExceptionHandler(ProvisionCommand::usageError);
        cli.setExecutionExceptionHandler((e, failed, parseResult) -> failure(e, failed));
        return SubcommandVersions.inherit(cli);
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is required: keys, issue, consume, revoke, publish-lists, trust, holder-keys or present");
    }

    /** Bad arguments: one line naming the option, exit 2; the usage text is one --help away. */
    private static int usageError(ParameterException e, String[] args) {
        CommandLine failed = e.getCommandLine();
        failed.getErr().println(failed.getCommandSpec().qualifiedName() + ": " + e.getMessage()
                + " (see " + failed.getCommandSpec().qualifiedName() + " --help)");
        failed.getErr().flush();
        return failed.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** A failure while running: one line for what a person can fix, a stack trace only for a bug. */
    private static int failure(Exception e, CommandLine failed) {
        String command = failed.getCommandSpec().qualifiedName();
        PrintWriter err = failed.getErr();
        if (e instanceof ProvisioningException) {
            err.println(command + ": " + e.getMessage());
        } else if (e instanceof IOException io) {
            err.println(command + ": " + describe(io));
        } else {
            err.println(command + ": internal error, please report it with this trace:");
            e.printStackTrace(err);
        }
        err.flush();
        return 1;
    }

    /** Any failure in words: our own message, an I/O failure with its file, else the exception. */
    static String describeAny(Exception e) {
        if (e instanceof ProvisioningException) {
            return e.getMessage();
        }
        return e instanceof IOException io ? describe(io) : e.toString();
    }

    /** An I/O failure in words, with the file it concerns. */
    static String describe(IOException e) {
        if (e instanceof FileSystemException f && f.getFile() != null) {
            return f.getFile() + ": " + reason(e);
        }
        return reason(e);
    }

    /** What went wrong in an I/O failure, without the file name. */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** The build's version from the jar manifest; "development build" when run from classes. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = ProvisionCommand.class.getPackage().getImplementationVersion();
            return new String[] {
                "limen provision " + (version != null ? version : "(development build)"),
                "credential format: LP1 (version 1, COSE_Sign1 / CWT, Ed25519 or ES256)"};
        }
    }
}
