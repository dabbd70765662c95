package io.limen.agent.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.agent.camera.Frame;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM to a real child JVM running a terminal: the scan in flight finishes, outputs go safe, exit 0. */
class RunSignalsTest {

    @TempDir
    Path dir;

    @Test
    void sigterm_stopsInOrder_outputsSafe_exitZero() throws Exception {
        LoopFixture fixture = new LoopFixture(dir);
        Frame scene = LoopFixture.readable(LoopFixture.pass(1), 100);
        Path frame = Files.write(dir.resolve("frame.y"), scene.luma());
        Path log = dir.resolve("child.log");
        Process child = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", "-cp", System.getProperty("java.class.path"), RunChild.class.getName(),
                dir.resolve("trust.pem").toString(), frame.toString()))
                .redirectError(log.toFile()).start();
        BlockingQueue<String> lines = lines(child);
        try {
            assertEquals("decided", lines.poll(30, TimeUnit.SECONDS), () -> read(log));

            child.toHandle().destroy(); // SIGTERM

            assertEquals("pins RELAY=LOW GREEN_LED=LOW RED_LED=LOW", lines.poll(20, TimeUnit.SECONDS), () -> read(log));
            assertTrue(child.waitFor(20, TimeUnit.SECONDS), "the child did not exit within 20 s");
            assertEquals(0, child.exitValue(), () -> read(log));
        } finally {
            child.destroyForcibly();
        }
        String journal = read(log);
        assertTrue(journal.contains("SIGTERM: stopping after the scan in flight"), journal);
        assertTrue(journal.contains("decision granted reason=ok cti="), journal);
        assertTrue(journal.contains("run: stopped; outputs safe; frames read="), journal);
    }

    /** The child's stdout lines as they come, so that a child that says nothing fails the test instead of hanging it. */
    static BlockingQueue<String> lines(Process child) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                lines.add(e.toString());
            }
        }, "child-stdout");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
