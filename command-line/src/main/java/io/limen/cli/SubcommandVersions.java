package io.limen.cli;

import picocli.CommandLine;

/**
 * Gives every subcommand its root's version text. picocli's {@code mixinStandardHelpOptions} adds
 * {@code -V, --version} to each subcommand but not the root's version, so {@code limen provision keys
 * --version} printed nothing and exited 0; and {@code provision revoke --version 1} looked like a
 * command that did nothing.
 */
public final class SubcommandVersions {

    private SubcommandVersions() {
    }

    /** Copies the root's version (strings or provider) onto every subcommand, at any depth; returns {@code root}. */
    public static CommandLine inherit(CommandLine root) {
        CommandLine.Model.CommandSpec spec = root.getCommandSpec();
        for (CommandLine sub : root.getSubcommands().values()) {
            CommandLine.Model.CommandSpec subSpec = sub.getCommandSpec();
            if (subSpec.version().length == 0 && subSpec.versionProvider() == null) {
                subSpec.version(spec.version());
                subSpec.versionProvider(spec.versionProvider());
            }
            inherit(sub);
        }
        return root;
    }
}
