package io.limen.agent.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.agent.camera.Frame;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SyntheticFrameSourceTest {

    @Test
    void playsItsFramesInOrder_stampedOnArrival_thenEnds() {
        Frame first = new Frame(new byte[] {1}, 1, 1, 1, 0);
        Frame second = new Frame(new byte[] {2}, 1, 1, 1, 0);
        SyntheticFrameSource source = new SyntheticFrameSource(List.of(first, second));

        long before = System.nanoTime();
        Frame played = source.next().orElseThrow();
        assertEquals(first, played);
        assertTrue(played.arrivalNanos() >= before, "stamped when handed out, not when rendered");
        assertEquals(second, source.next().orElseThrow());
        assertEquals(Optional.empty(), source.next());
    }

    @Test
    void closed_playsNoMore() {
        SyntheticFrameSource source = new SyntheticFrameSource(List.of(new Frame(new byte[1], 1, 1)));
        source.close();

        assertEquals(Optional.empty(), source.next());
    }
}
