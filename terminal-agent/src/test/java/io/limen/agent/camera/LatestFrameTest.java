package io.limen.agent.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Latest frame wins: the newest frame is taken, older ones are dropped, counted and their buffers returned. */
class LatestFrameTest {

    private final FramePool pool = new FramePool(4, 2, 4, 3);
    private final CameraCounters counters = new CameraCounters();
    private final LatestFrame exchange = new LatestFrame(pool::release, counters);

    private Frame filled(long sequence) {
        return pool.frame(pool.take(), sequence, sequence);
    }

    @Test
    void unreadFrame_isReplacedByTheNewer_itsBufferReturned_andTheDropCounted() throws Exception {
        Frame first = filled(1);
        Frame second = filled(2);
        exchange.offer(first);
        exchange.offer(second);

        assertEquals(2, pool.available(), "the first frame's buffer is free again");
        assertEquals(1, counters.snapshot().dropped());
        Frame taken = exchange.take(Duration.ZERO).orElseThrow();
        assertSame(second, taken);
        assertEquals(Optional.empty(), exchange.take(Duration.ZERO), "taken once: the slot is empty");
    }

    @Test
    void readerNeverWaits_evenWhenTheDecoderHoldsAFrame() throws Exception {
        exchange.offer(filled(1));
        Frame held = exchange.take(Duration.ZERO).orElseThrow();
        for (long s = 2; s <= 100; s++) {
            exchange.offer(filled(s)); // would throw on a null buffer if drops did not come back to the pool
        }
        assertEquals(98, counters.snapshot().dropped());
        assertEquals(100, exchange.take(Duration.ZERO).orElseThrow().sequence());
        assertEquals(1, held.sequence());
    }

    @Test
    void take_waitsForAFrame_andWakesWhenOneArrives() throws Exception {
        CompletableFuture<Optional<Frame>> taken = CompletableFuture.supplyAsync(() -> {
            try {
                return exchange.take(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Frame frame = filled(7);
        exchange.offer(frame);
        assertSame(frame, taken.get(5, TimeUnit.SECONDS).orElseThrow());
        assertEquals(0, counters.snapshot().dropped());
    }

    @Test
    void take_givesNothingAfterItsTimeout() throws Exception {
        assertEquals(Optional.empty(), exchange.take(Duration.ofMillis(1)));
    }

    @Test
    void end_stopsTheWait_andLaterOffersAreDroppedAndRecycled() throws Exception {
        exchange.offer(filled(1));
        exchange.end();
        assertTrue(exchange.take(Duration.ZERO).isPresent(), "the last frame is still taken");
        assertTrue(exchange.ended());
        exchange.offer(filled(2));
        assertEquals(Optional.empty(), exchange.take(Duration.ofSeconds(5)));
        assertEquals(2, pool.available(), "the late frame went back to the pool; one is held by the taker");
    }

    @Test
    void close_recyclesTheFrameLeft_withoutCountingADrop() throws Exception {
        exchange.offer(filled(1));
        exchange.close();
        assertEquals(3, pool.available());
        assertEquals(0, counters.snapshot().dropped());
    }
}
