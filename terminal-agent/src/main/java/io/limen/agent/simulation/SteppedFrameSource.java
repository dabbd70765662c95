package io.limen.agent.simulation;

import io.limen.agent.camera.Frame;
import io.limen.agent.camera.FrameSource;
import io.limen.agent.time.SimulatedTime;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * A simulated camera in lockstep with the terminal that reads it: the next frame comes only after the
 * previous one was released, and simulated time moves by {@code step} before it. So every frame is
 * decided exactly once, whatever the machine's speed, and debounce, pulses and the counter line see the
 * time a real camera at that rate would give them, without a test or the demo waiting for it.
 *
 * <p>A real camera never waits for the terminal (its reader drops frames instead); this one does, by
 * design, so the run loop and its tests are deterministic. Time moves on the reader thread only while
 * the admit thread holds no frame: the release is the hand-over, and nothing else touches the
 * simulated time meanwhile. Thread-safe for one reader and one releasing thread.
 */
public final class SteppedFrameSource implements FrameSource {

    private final List<Frame> frames;
    private final SimulatedTime time;
    /** Before each frame but the first: how far the time moves. */
    private final List<Duration> steps;
    /** One permit while no frame is out: the reader takes it to hand one out, the release gives it back. */
    private final Semaphore idle = new Semaphore(1);
    private int next;
    private volatile boolean closed;

    /** @param step simulated time between two frames (33 ms at 30 fps); the first frame comes at the time's start */
    public SteppedFrameSource(List<Frame> frames, SimulatedTime time, Duration step) {
        this(frames, time, java.util.Collections.nCopies(frames.size(), Objects.requireNonNull(step, "step must not be null")));
    }

    /**
     * @param stepsBefore for each frame, the simulated time moved before it is handed out (the first's is
     *                    not used: the first frame comes at the time's start); as many as frames
     */
    public SteppedFrameSource(List<Frame> frames, SimulatedTime time, List<Duration> stepsBefore) {
        this.frames = List.copyOf(frames);
        this.time = Objects.requireNonNull(time, "time must not be null");
        this.steps = List.copyOf(stepsBefore);
        if (steps.size() != this.frames.size()) {
            throw new IllegalArgumentException("steps must be one per frame (" + this.frames.size() + "), but were " + steps.size());
        }
    }

    @Override
    public Optional<Frame> next() throws InterruptedException {
        idle.acquire();
        if (closed || next == frames.size()) {
            idle.release();
            return Optional.empty();
        }
        if (next > 0) {
            time.advance(steps.get(next));
        }
        return Optional.of(frames.get(next++).arrivedAt(System.nanoTime()));
    }

    @Override
    public void release(Frame frame) {
        idle.release();
    }

    /** Frames handed out so far. */
    public int handedOut() {
        return next;
    }

    @Override
    public void close() {
        closed = true;
    }
}
