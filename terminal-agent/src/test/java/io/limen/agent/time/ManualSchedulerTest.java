package io.limen.agent.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManualSchedulerTest {

    private final ManualScheduler time = new ManualScheduler();
    private final List<String> ran = new ArrayList<>();

    private Runnable record(String name) {
        return () -> ran.add(name + "@" + Duration.ofNanos(time.nanoTime()).toMillis());
    }

    @Test
    void advance_runsDueTasksInOrderAtTheirDueTime() {
        time.schedule(record("b"), Duration.ofMillis(200));
        time.schedule(record("a"), Duration.ofMillis(100));
        time.schedule(record("a2"), Duration.ofMillis(100));

        time.advance(Duration.ofMillis(150));
        assertEquals(List.of("a@100", "a2@100"), ran);
        assertEquals(150, Duration.ofNanos(time.nanoTime()).toMillis());

        time.advance(Duration.ofMillis(50));
        assertEquals(List.of("a@100", "a2@100", "b@200"), ran);
        assertEquals(0, time.pending());
    }

    @Test
    void taskScheduledByATask_runsInTheSameAdvanceWhenDue() {
        time.schedule(() -> time.schedule(record("inner"), Duration.ofMillis(10)), Duration.ofMillis(10));

        time.advance(Duration.ofMillis(20));

        assertEquals(List.of("inner@20"), ran);
    }

    @Test
    void cancelledTask_neverRuns() {
        Scheduler.Cancellable c = time.schedule(record("x"), Duration.ofMillis(10));
        c.cancel();

        time.advance(Duration.ofSeconds(1));

        assertEquals(List.of(), ran);
        assertEquals(0, time.pending());
    }

    @Test
    void negativeStep_isRejectedWithValue() {
        var e = assertThrows(IllegalArgumentException.class, () -> time.advance(Duration.ofMillis(-1)));
        assertEquals("step must not be negative, but was PT-0.001S", e.getMessage());
    }
}
