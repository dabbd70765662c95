package io.limen.agent.simulation;

import io.limen.agent.camera.Frame;
import io.limen.agent.camera.FrameSource;
import java.util.List;
import java.util.Optional;

/**
 * The simulated camera: plays given frames (rendered {@link SyntheticScene}s) in order, each stamped
 * with its arrival time as it is handed out, then ends. Frames are immutable renders, so nothing is
 * reused and {@link #release} has nothing to do. Never blocks.
 */
public final class SyntheticFrameSource implements FrameSource {

    private final List<Frame> frames;
    private int next;

    public SyntheticFrameSource(List<Frame> frames) {
        this.frames = List.copyOf(frames);
    }

    @Override
    public Optional<Frame> next() {
        if (next == frames.size()) {
            return Optional.empty();
        }
        return Optional.of(frames.get(next++).arrivedAt(System.nanoTime()));
    }

    @Override
    public void release(Frame frame) {
        // Renders are never written again: nothing to give back.
    }

    @Override
    public void close() {
        next = frames.size();
    }
}
