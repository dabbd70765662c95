package io.limen.agent.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.agent.testing.ChildJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo deletes only what it wrote, never a folder's other contents, whatever marker lies there; and
 * two demos never share a folder. Real folders, real file locks, and a second demo in a real second process.
 */
class DemoFolderTest {

    @TempDir
    Path dir;

    /** A demo's worth of files, written through the folder as the scenario writes them. */
    private static void writeSome(DemoFolder folder) throws IOException {
        folder.writeString("trust.pem", "the keys of " + Instant.now() + "\n");
        folder.writeString("codes/01-a.txt", "LP1:...\n");
        Path png = folder.newFile("frames/01-a.png");
        Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        folder.record(png);
    }

    private static List<String> contents(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(p -> !p.equals(folder)).map(p -> folder.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void rerun_deletesExactlyWhatTheLastDemoWrote() throws IOException {
        Path demo = dir.resolve("demo");
        try (DemoFolder folder = DemoFolder.claim(demo)) {
            writeSome(folder);
        }
        assertEquals(List.of(".limen-demo", ".limen-demo.lock", "codes", "codes/01-a.txt", "frames", "frames/01-a.png", "trust.pem"),
                contents(demo));

        try (DemoFolder folder = DemoFolder.claim(demo)) {
            assertEquals(List.of(".limen-demo", ".limen-demo.lock"), contents(demo));
        }
    }

    @Test
    void wholeDemoRunTwiceInOneFolder_theSecondReplacesTheFirst() throws IOException {
        Path demo = dir.resolve("demo");
        String firstTrust;
        try (DemoScenario first = DemoScenario.create(demo, Instant.parse("2026-11-27T12:00:00Z"), 1)) {
            DemoRun.run(first, Instant.parse("2026-11-27T12:00:00Z"), (number, outcome) -> { });
            firstTrust = Files.readString(first.trustFile());
        }
        List<String> firstFiles = contents(demo);

        try (DemoScenario second = DemoScenario.create(demo, Instant.parse("2026-11-27T12:00:00Z"), 1)) {
            assertNotEquals(firstTrust, Files.readString(second.trustFile())); // new keys: the old files are gone
        }
        assertEquals(firstFiles.stream().filter(f -> !f.startsWith("revocations.db-")).toList(),
                contents(demo).stream().filter(f -> !f.startsWith("revocations.db-")).toList());
    }

    @Test
    void foreignFileAmongTheDemosFiles_isRefused_andNothingIsDeleted() throws IOException {
        Path demo = dir.resolve("demo");
        try (DemoFolder folder = DemoFolder.claim(demo)) {
            writeSome(folder);
        }
        Files.writeString(demo.resolve("frames/holiday.jpg"), "someone's photo");
        Files.writeString(demo.resolve("trust.pem"), "edited by hand\n"); // the demo's file, changed since
        List<String> before = contents(demo);

        IOException e = assertThrows(IOException.class, () -> DemoFolder.claim(demo));

        assertEquals("demo folder " + demo + " holds 2 file(s) the demo did not write (frames/holiday.jpg, trust.pem);"
                + " it deletes only its own files: move them away, or name a new or empty folder with --dir", e.getMessage());
        assertEquals(before, contents(demo));
    }

    @Test
    void copiedDemoFolder_withItsMarker_deletesNothing() throws IOException {
        // Someone copied a demo folder (marker and all) into their own: the copies are not the demo's files.
        Path demo = dir.resolve("demo");
        try (DemoFolder folder = DemoFolder.claim(demo)) {
            writeSome(folder);
        }
        Path copy = dir.resolve("my-project");
        for (String file : contents(demo)) {
            Path source = demo.resolve(file);
            if (Files.isDirectory(source)) {
                Files.createDirectories(copy.resolve(file));
            } else {
                Files.createDirectories(copy.resolve(file).getParent());
                Files.copy(source, copy.resolve(file));
            }
        }
        List<String> before = contents(copy);

        IOException e = assertThrows(IOException.class, () -> DemoFolder.claim(copy));

        assertTrue(e.getMessage().startsWith("demo folder " + copy + " holds 3 file(s) the demo did not write (codes/01-a.txt, frames/01-a.png, trust.pem)"), e.getMessage());
        assertEquals(before, contents(copy));
    }

    @Test
    void plantedMarker_ofTheOldKind_deletesNothing() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("home"));
        Files.writeString(folder.resolve(".limen-demo"), "made by limen demo; cleared on the next run\n");
        Files.writeString(folder.resolve("thesis.tex"), "three years of work");

        IOException e = assertThrows(IOException.class, () -> DemoFolder.claim(folder));

        assertTrue(e.getMessage().contains("holds 1 file(s) the demo did not write (thesis.tex)"), e.getMessage());
        assertEquals("three years of work", Files.readString(folder.resolve("thesis.tex")));
    }

    @Test
    void markerNamingAFileOutsideTheFolder_neverReachesIt() throws IOException {
        Path demo = dir.resolve("demo");
        try (DemoFolder folder = DemoFolder.claim(demo)) {
            writeSome(folder);
        }
        // The manifest's own line for trust.pem, pointed at a file of the same bytes outside the folder.
        Path outside = dir.resolve("outside.pem");
        Files.move(demo.resolve("trust.pem"), outside);
        String manifest = Files.readString(demo.resolve(".limen-demo"), StandardCharsets.UTF_8);
        Files.writeString(demo.resolve(".limen-demo"), manifest.replace(" trust.pem\n", " ../outside.pem\n"));

        try (DemoFolder folder = DemoFolder.claim(demo)) {
            assertTrue(Files.exists(outside));
        }
    }

    @Test
    void linkPlantedAsTheLockFile_isRefused_andItsTargetIsUntouched() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("demo"));
        Path precious = Files.writeString(dir.resolve("precious.txt"), "keep");
        Files.createSymbolicLink(folder.resolve(".limen-demo.lock"), precious);

        IOException e = assertThrows(IOException.class, () -> DemoFolder.claim(folder));

        assertEquals("demo folder " + folder + " holds .limen-demo.lock, which is not a regular file; the demo did not make it:"
                + " move it away, or name a new or empty folder with --dir", e.getMessage());
        assertEquals("keep", Files.readString(precious));
    }

    @Test
    void fileGivenAsTheFolder_isSaidNotToBeADirectory() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "not a folder");

        IOException e = assertThrows(IOException.class, () -> DemoFolder.claim(file));

        assertEquals("demo folder " + file + " is not a directory; name a new or empty folder with --dir", e.getMessage());
        assertEquals("not a folder", Files.readString(file));
    }

    @Test
    void secondDemoInTheSameFolder_isRefusedWhileTheFirstHoldsIt_inThisProcessAndAnother() throws Exception {
        Path demo = dir.resolve("demo");
        try (DemoFolder first = DemoFolder.claim(demo)) {
            writeSome(first);
            String refusal = "demo folder " + demo + " is in use by another demo (process " + ProcessHandle.current().pid()
                    + " holds " + demo.resolve(".limen-demo.lock") + "); wait for it to end, or name another folder with --dir";

            IOException e = assertThrows(IOException.class, () -> DemoFolder.claim(demo));
            assertEquals(refusal, e.getMessage());

            ChildJvm.Result second = ChildJvm.agent(List.of(), "demo", "--dir", demo.toString());
            assertEquals(1, second.exitCode(), second.toString());
            assertEquals(List.of("demo: " + refusal), second.err().lines().toList(), second.toString());
            assertEquals("", second.out(), second.toString());
            assertEquals(List.of(".limen-demo", ".limen-demo.lock", "codes", "codes/01-a.txt", "frames", "frames/01-a.png", "trust.pem"),
                    contents(demo)); // the first demo's files, untouched
        }
    }
}
