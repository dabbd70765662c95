package io.limen.agent.cli;

import io.limen.provisioning.ProvisionCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Runs {@code limen provision} in-process with a fixed clock, as a building manager would, and captures what it prints. */
final class ProvisionCli {

    static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\nout: " + out + "\nerr: " + err;
        }
    }

    private ProvisionCli() {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = ProvisionCommand.commandLine(Clock.fixed(NOW, ZoneOffset.UTC), new SecureRandom(),
                new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }
}
