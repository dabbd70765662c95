package io.limen.agent.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A tool's stderr in the log: line by line, cut and cleaned, and a flood held to a few lines with the rest counted. */
class StderrPumpTest {

    private final AtomicLong now = new AtomicLong();
    private final List<String> logged = new ArrayList<>();

    private void pump(String stderr) {
        new StderrPump(new ByteArrayInputStream(stderr.getBytes(StandardCharsets.UTF_8)), "ffmpeg", now::get, logged::add).run();
    }

    @Test
    void aThousandLinesAtOnce_logTenAndCountTheRest() {
        pump("frame= 1 fps=0.0\n".repeat(1000));

        assertEquals(11, logged.size());
        assertEquals("camera ffmpeg stderr: frame= 1 fps=0.0", logged.get(0));
        assertEquals("camera ffmpeg stderr: 990 more lines not logged (rate limit)", logged.get(10));
    }

    @Test
    void linesEndAtCrOrLf_areCutAt300Bytes_andControlCharactersShowAsQuestionMarks() {
        pump("a\u0007b\r\nlast without newline" + "\n" + "x".repeat(10_000) + "\nend");

        assertEquals(List.of("camera ffmpeg stderr: a?b", "camera ffmpeg stderr: last without newline",
                "camera ffmpeg stderr: " + "x".repeat(StderrPump.MAX_LINE), "camera ffmpeg stderr: end"), logged);
    }
}
