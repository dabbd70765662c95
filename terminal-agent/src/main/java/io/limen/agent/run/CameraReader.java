package io.limen.agent.run;

import io.limen.agent.camera.Frame;
import io.limen.agent.camera.FrameSource;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The camera reader thread's work: reads the source as fast as it delivers and puts each frame in the
 * slot, newest wins. It never waits on the admit thread. When the source fails it says so in one line
 * (rate-limited), waits a jittered, growing backoff and reads on; when the source ends (a replay played
 * out) it finishes the slot, and the run ends once the admit thread has taken what waits.
 */
final class CameraReader implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(CameraReader.class);

    private final FrameSource source;
    private final FrameSlot slot;
    private final RunCounters counters;
    private final Backoff backoff;
    private final LineBudget failures = new LineBudget(5, TimeUnit.MINUTES.toNanos(1));
    private volatile boolean stopping;

    /** Waits after a failed read: {@code initialMillis}, doubling to {@code maxMillis}, each ±25 % jittered. */
    record Backoff(long initialMillis, long maxMillis) {
        static final Backoff STANDARD = new Backoff(100, 5_000);
    }

    CameraReader(FrameSource source, FrameSlot slot, RunCounters counters, Backoff backoff) {
        this.source = source;
        this.slot = slot;
        this.counters = counters;
        this.backoff = backoff;
    }

    @Override
    public void run() {
        long wait = backoff.initialMillis();
        try {
            while (!stopping) {
                Optional<Frame> next;
                try {
                    next = source.next();
                } catch (IOException | RuntimeException e) {
                    if (stopping) {
                        return;
                    }
                    counters.cameraRestarted();
                    report(e, wait);
                    sleepJittered(wait);
                    wait = Math.min(wait * 2, backoff.maxMillis());
                    continue;
                }
                if (next.isEmpty()) {
                    log.info("camera: the source ended; the run ends after the frame in hand");
                    return;
                }
                wait = backoff.initialMillis();
                counters.frameRead();
                Frame replaced = slot.put(next.get());
                if (replaced != null) {
                    counters.frameDropped();
                    source.release(replaced);
                }
            }
        } catch (InterruptedException e) {
            // stop(): the run is ending.
        } finally {
            slot.finish();
        }
    }

    void stop() {
        stopping = true;
    }

    private void report(Exception e, long waitMillis) {
        long left = failures.take(System.nanoTime());
        if (left != LineBudget.ALLOWED) {
            log.warn("camera: read failed ({}); reading again in about {} ms{}", e.toString(), waitMillis,
                    left > 0 ? " (" + left + " similar lines left out)" : "");
        }
    }

    private static void sleepJittered(long millis) throws InterruptedException {
        long jitter = millis / 4;
        Thread.sleep(Math.max(1, millis + (jitter > 0 ? ThreadLocalRandom.current().nextLong(-jitter, jitter + 1) : 0)));
    }
}
