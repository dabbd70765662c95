package io.limen.provisioning;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Runs {@code limen provision} in-process, as its main does, with a fixed clock, and captures what it prints. */
final class Cli {

    static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\nout: " + out + "\nerr: " + err;
        }
    }

    private Cli() {
    }

    static Result run(String... args) {
        return run(FileSet.Steps.NONE, args);
    }

    /** With {@code steps} called before each change to the disk of keys' and issue's file sets. */
    static Result run(FileSet.Steps steps, String... args) {
        StringWriter out = new StringWriter();
        Result result = run(steps, out, args);
        return new Result(result.exitCode(), out.toString(), result.err());
    }

    /** Printing to {@code out}, which may fail; the result's out is empty. */
    static Result run(FileSet.Steps steps, Writer out, String... args) {
        StringWriter err = new StringWriter();
        int exitCode = ProvisionCommand.run(args, Clock.fixed(NOW, ZoneOffset.UTC), new SecureRandom(),
                new PrintWriter(out, true), new PrintWriter(err, true), steps);
        return new Result(exitCode, "", err.toString());
    }
}
