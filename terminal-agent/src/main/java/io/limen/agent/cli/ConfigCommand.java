package io.limen.agent.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code config}: the terminal's configuration file. Alone it is a usage error (exit 2): name a subcommand. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Work with the terminal's YAML configuration file (docs/configuration.md).",
        subcommands = ConfigCheckCommand.class)
final class ConfigCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a subcommand: check");
    }
}
