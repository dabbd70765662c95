package io.limen.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.agent.revocation.RevocationStore;
import io.limen.agent.revocation.SqliteConnections;
import io.limen.agent.testing.ChildJvm;
import io.limen.agent.testing.PngFiles;
import io.limen.agent.testing.ReadOnlyFolder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code scan} given files that are not what they should be, and run where the machine is hostile: every
 * message says what is wrong with which file, one bad file is one error line and the rest are read, and
 * nothing hangs, runs out of memory or needs a writable temp folder.
 */
class ScanFileProblemsTest {

    static final String AT = "2026-11-15T00:00:00Z";

    @TempDir
    Path dir;
    Path trust;
    Path pass;
    Path store;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void issue() throws Exception {
        ScanPass issued = ScanPass.issue(dir);
        trust = issued.trust();
        pass = issued.png();
        store = dir.resolve("revocations.db");
        try (RevocationStore revocations = RevocationStore.open(SqliteConnections.file(store))) {
            revocations.replaceAll(1, List.of());
        }
    }

    private int scan(String... args) {
        CommandLine cli = AgentCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "scan";
        System.arraycopy(args, 0, all, 1, args.length);
        return cli.execute(all);
    }

    private Path fifo(String name) throws Exception {
        Path fifo = dir.resolve(name);
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor());
        return fifo;
    }

    @Test
    void fifoAndDirectoryGivenAsImages_areErrorLinesAtOnce_andTheNextImageIsRead() throws Exception {
        Path fifo = fifo("camera.png");
        Path folder = Files.createDirectory(dir.resolve("photos"));
        Path missing = dir.resolve("missing.png");

        int exit = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> scan("--trust", trust.toString(), "--at", AT, fifo.toString(), folder.toString(), missing.toString(), pass.toString()));

        assertEquals(1, exit, err.toString());
        List<String> lines = out.toString().lines().toList();
        assertEquals("{\"file\":\"" + fifo + "\",\"error\":\"cannot read image " + fifo
                + ": is a FIFO (named pipe), not a regular file; it is not read\"}", lines.get(0));
        assertEquals("{\"file\":\"" + folder + "\",\"error\":\"cannot read image " + folder + ": is a directory, not a file\"}", lines.get(1));
        assertEquals("{\"file\":\"" + missing + "\",\"error\":\"cannot read image " + missing + ": no such file\"}", lines.get(2));
        assertTrue(lines.get(3).contains("\"decision\":\"granted\""), out.toString());
    }

    @Test
    void fifoGivenAsTrustFile_isRefusedAtOnceNamingIt() throws Exception {
        Path fifo = fifo("trust-pipe.pem");

        int exit = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> scan("--trust", fifo.toString(), pass.toString()));

        assertEquals(1, exit);
        assertEquals("scan: --trust " + fifo + ": is a FIFO (named pipe), not a regular file; it is not read", err.toString().strip());
        assertEquals("", out.toString());
    }

    @Test
    void directoryGivenAsRevocationStore_isSaidToBeADirectory() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("lists"));

        assertEquals(1, scan("--trust", trust.toString(), "--revocations", folder.toString(), pass.toString()));

        assertEquals("scan: --revocations " + folder + ": is a directory, not a file", err.toString().strip(), "one line, no usage text");
    }

    @Test
    void missingRevocationStore_isSaidToBeMissing() {
        Path typo = dir.resolve("revocatoins.db");

        assertEquals(1, scan("--trust", trust.toString(), "--revocations", typo.toString(), pass.toString()));

        assertTrue(err.toString().startsWith("scan: --revocations " + typo + ": no such file"), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), "one line, no usage text: " + err);
    }

    @Test
    void decompressionBombs_atA256MiBHeap_areOneLineEach_andTheFilesAfterThemAreRead() throws Exception {
        // 40,000,000 x 1 RGBA (a 160 MB row) and 6300 x 6300 16-bit RGBA (318 MB): each under the pixel cap.
        Path wide = PngFiles.zeros(dir.resolve("wide.png"), 40_000_000, 1, PngFiles.RGBA, 8);
        Path deep = PngFiles.zeros(dir.resolve("deep.png"), 6300, 6300, PngFiles.RGBA, 16);

        ChildJvm.Result run = ChildJvm.agent(List.of("-Xmx256m"), "scan", "--trust", trust.toString(), "--at", AT,
                wide.toString(), deep.toString(), pass.toString());

        assertEquals(1, run.exitCode(), run.toString());
        List<String> lines = run.out().lines().toList();
        assertEquals("{\"file\":\"" + wide + "\",\"error\":\"cannot read image " + wide
                + ": each side must be at most 16384 pixels, but it is 40000000x1\"}", lines.get(0), run.toString());
        assertTrue(lines.get(1).startsWith("{\"file\":\"" + deep + "\",\"text\":null,"), run.toString()); // read, subsampled
        assertTrue(lines.get(1).contains("\"reason\":\"no_code\""), run.toString());
        assertTrue(lines.get(2).contains("\"decision\":\"granted\""), run.toString());
        assertEquals(3, lines.size(), run.toString());
    }

    @Test
    void imageTooBigForTheHeap_isOneLineSayingSo_andTheNextImageIsRead() throws Exception {
        // 8000 x 5000 grey: under every cap (40 MB decoded), but not with its frame in a 48 MiB heap.
        Path grey = PngFiles.zeros(dir.resolve("grey.png"), 8000, 5000, PngFiles.GREY, 8);

        ChildJvm.Result run = ChildJvm.agent(List.of("-Xmx48m"), "scan", "--trust", trust.toString(), "--at", AT,
                grey.toString(), pass.toString());

        assertEquals(1, run.exitCode(), run.toString());
        List<String> lines = run.out().lines().toList();
        // The heap the JVM reports may be a survivor space short of -Xmx, depending on the collector.
        assertTrue(lines.get(0).startsWith("{\"file\":\"" + grey + "\",\"error\":\"cannot read image " + grey
                + ": decoding it needs more memory than this JVM may use ("), run.toString());
        assertTrue(lines.get(1).contains("\"decision\":\"granted\""), run.toString());
    }

    @Test
    void readOnlyTempFolder_imagesAndRevocationsAreStillRead() throws Exception {
        Path tmp = Files.createDirectory(dir.resolve("tmp"));

        ChildJvm.Result run;
        try (ReadOnlyFolder readOnly = ReadOnlyFolder.of(tmp)) {
            run = ChildJvm.agent(List.of("-Djava.io.tmpdir=" + tmp), "scan", "--trust", trust.toString(), "--at", AT,
                    "--revocations", store.toString(), pass.toString());
        }

        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().startsWith("{\"file\":\"" + pass + "\",\"text\":\"LP1:"), run.toString());
        assertTrue(run.out().contains("\"decision\":\"granted\""), run.toString());
        assertEquals("", run.err(), run.toString());
    }

    @Test
    void sqliteLibraryThatCannotBeLoaded_isOneLineNamingTheTempFolder() throws Exception {
        // No library where org.sqlite.lib.path says, and a temp folder it cannot be extracted into.
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        Path noLibrary = Files.createDirectory(dir.resolve("no-library"));

        ChildJvm.Result run;
        try (ReadOnlyFolder readOnly = ReadOnlyFolder.of(tmp)) {
            run = ChildJvm.agent(List.of("-Djava.io.tmpdir=" + tmp, "-Dorg.sqlite.lib.path=" + noLibrary), "scan",
                    "--trust", trust.toString(), "--revocations", store.toString(), pass.toString());
        }

        assertEquals(1, run.exitCode(), run.toString());
        List<String> lines = run.err().lines().toList();
        assertEquals(1, lines.size(), run.toString());
        assertTrue(lines.get(0).startsWith("scan: revocation store " + store + " cannot be opened: SQLite's native library cannot be"
                + " loaded: sqlite-jdbc extracts it into " + tmp + " (java.io.tmpdir), where a file cannot be written ("), run.toString());
        assertTrue(lines.get(0).endsWith("); set -Dorg.sqlite.tmpdir=DIR to a writable folder that allows programs (not noexec)"), run.toString());
    }
}
