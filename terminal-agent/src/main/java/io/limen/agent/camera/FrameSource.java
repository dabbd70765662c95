package io.limen.agent.camera;

import java.io.IOException;
import java.util.Optional;

/**
 * Where frames come from: the port the camera reader thread reads. The real source (a camera process
 * writing raw frames, issue 7) fills buffers from a {@link FramePool}; the simulated one replays
 * rendered scenes ({@code io.limen.agent.simulation.SyntheticFrameSource}).
 *
 * <p>Contract: {@link #next} is called by one thread only and may block until a frame arrives. Each
 * frame returned belongs to the caller until it hands it back with {@link #release}; the source does
 * not reuse its buffer before that.
 */
public interface FrameSource extends AutoCloseable {

    /**
     * The next frame, stamped with its arrival time; empty when the source has ended (a replay played
     * out). Blocks until a frame arrives.
     *
     * @throws IOException when the camera fails; the reader reports it and reopens the source
     */
    Optional<Frame> next() throws IOException, InterruptedException;

    /** Gives the frame's buffer back for reuse; the caller must not read the frame afterwards. */
    void release(Frame frame);

    @Override
    void close() throws IOException;
}
