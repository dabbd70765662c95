package io.limen.agent.camera;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a camera process's stderr to the log line by line, rate-limited ({@link LineRateLimit}: 10
 * lines, then one every 6 s) so a chatty or looping tool cannot flood the journal. Lines are cut at 300
 * bytes and control characters replaced: the bytes are the tool's, not ours. Runs on its own daemon
 * thread per process and ends when the stream does (the process exited or was killed).
 */
final class StderrPump implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(StderrPump.class);
    static final int MAX_LINE = 300;

    private final InputStream stderr;
    private final String program;
    private final LongSupplier nanoTime;
    private final LineRateLimit limit;
    private final Consumer<String> sink;

    /** @param sink where each line goes, already prefixed with the program's name (the log, or a test's list) */
    StderrPump(InputStream stderr, String program, LongSupplier nanoTime, Consumer<String> sink) {
        this.stderr = stderr;
        this.program = program;
        this.nanoTime = nanoTime;
        this.sink = sink;
        this.limit = new LineRateLimit(10, Duration.ofSeconds(6), nanoTime.getAsLong());
    }

    /** Starts the pump to the log (INFO) on a daemon thread named after the program. */
    static Thread start(InputStream stderr, String program, LongSupplier nanoTime) {
        Thread thread = new Thread(new StderrPump(stderr, program, nanoTime, log::info), "camera-stderr-" + program);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public void run() {
        byte[] line = new byte[MAX_LINE];
        int length = 0;
        try (InputStream in = stderr) {
            int b;
            while ((b = in.read()) >= 0) {
                if (b == '\n' || b == '\r') {
                    emit(line, length);
                    length = 0;
                } else if (length < MAX_LINE) {
                    line[length++] = (byte) b;
                }
            }
            emit(line, length);
        } catch (IOException e) {
            // The process was killed and its pipe closed under us: the stream is over, nothing to report.
        }
        long held = limit.takeSuppressed();
        if (held > 0) {
            sink.accept("camera " + program + " stderr: " + held + " more lines not logged (rate limit)");
        }
    }

    private void emit(byte[] line, int length) {
        if (length == 0) {
            return;
        }
        if (!limit.allow(nanoTime.getAsLong())) {
            return;
        }
        String text = new String(line, 0, length, StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", "?");
        long held = limit.takeSuppressed();
        sink.accept("camera " + program + " stderr: " + text + (held > 0 ? " (after " + held + " lines not logged: rate limit)" : ""));
    }
}
