package io.limen.agent.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FramePoolTest {

    @Test
    void buffersCycle_noneIsAllocatedAfterTheStart() {
        FramePool pool = new FramePool(4, 2, 8, 2);
        byte[] first = pool.take();
        byte[] second = pool.take();

        Frame frame = pool.frame(first, 77);
        assertEquals(8, frame.stride());
        assertEquals(77, frame.arrivalNanos());
        pool.release(frame);

        assertSame(first, pool.take(), "the released buffer is the one handed out next");
        assertEquals(16, second.length);
    }

    @Test
    void allBuffersInUse_takeReturnsNull_theReaderDropsTheFrame() {
        FramePool pool = new FramePool(4, 2, 4, 1);
        pool.take();

        assertNull(pool.take());
        assertEquals(0, pool.available());
    }

    @Test
    void aFrameOfAnotherSize_isNotTakenIntoThePool() {
        FramePool pool = new FramePool(4, 2, 4, 1);
        pool.take();

        pool.release(new Frame(new byte[4], 2, 2));

        assertEquals(0, pool.available());
    }

    @Test
    void impossibleGeometry_isRejectedBeforeAnyBufferExists() {
        var e = assertThrows(IllegalArgumentException.class, () -> new FramePool(4, 2, 3, 2));
        assertEquals("frame stride must be at least the width 4, but was 3", e.getMessage());
        var none = assertThrows(IllegalArgumentException.class, () -> new FramePool(4, 2, 4, 0));
        assertEquals("frame pool buffers must be at least 1, but was 0", none.getMessage());
    }
}
