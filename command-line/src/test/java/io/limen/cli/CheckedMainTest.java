package io.limen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import org.junit.jupiter.api.Test;

class CheckedMainTest {

    @Command(name = "echo")
    static final class Echo implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters
        List<String> words = List.of();

        @Override
        public Integer call() {
            spec.commandLine().getOut().println(String.join(" ", words));
            return 0;
        }
    }

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void anArgumentThatDidNotDecode_isRefusedWithTwo_namingItAndTheLocale() {
        int exit = CheckedMain.run("limen test", new CommandLine(new Echo()), new String[] {"ok", "Zo\uFFFD\uFFFD"},
                new PrintWriter(out, true), new PrintWriter(err, true));

        assertEquals(2, exit);
        assertEquals("", out.toString());
        assertTrue(err.toString().startsWith("limen test: argument 2 ('Zo??') is not text in the locale's charset"), err.toString());
    }

    @Test
    void anArgumentStartingWithAt_isThatArgument_notAFileOfOptions() {
        int exit = CheckedMain.run("limen test", new CommandLine(new Echo()), new String[] {"@notes.txt"},
                new PrintWriter(out, true), new PrintWriter(err, true));

        assertEquals(0, exit);
        assertEquals("@notes.txt", out.toString().strip());
    }

    @Test
    void standardOutputThatCannotBeWritten_turnsDoneIntoOne() {
        Writer full = new Writer() {
            @Override
            public void write(char[] buffer, int offset, int length) throws java.io.IOException {
                throw new java.io.IOException("No space left on device");
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        int exit = CheckedMain.run("limen test", new CommandLine(new Echo()), new String[] {"hello"},
                new PrintWriter(full, true), new PrintWriter(err, true));

        assertEquals(1, exit);
        assertTrue(err.toString().contains("limen test: could not write to standard output"), err.toString());
    }
}
