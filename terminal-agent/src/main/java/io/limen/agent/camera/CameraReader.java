package io.limen.agent.camera;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The camera reader thread: takes frames from a {@link FrameSource} as fast as they come and offers
 * each to the {@link LatestFrame} exchange, which never blocks it. When the source ends (a replay
 * played out) the exchange is ended, so the admit thread sees the end too. A source that throws is
 * reported and read again after a second: the reader outlives any one camera failure.
 */
public final class CameraReader implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CameraReader.class);
    private static final Duration AFTER_FAILURE = Duration.ofSeconds(1);

    private final FrameSource source;
    private final LatestFrame exchange;
    private final Thread thread;
    private volatile boolean closed;

    private CameraReader(FrameSource source, LatestFrame exchange) {
        this.source = source;
        this.exchange = exchange;
        this.thread = new Thread(this::run, "camera-reader");
        this.thread.setDaemon(true);
    }

    /** Starts reading {@code source} into {@code exchange} on a new daemon thread named {@code camera-reader}. */
    public static CameraReader start(FrameSource source, LatestFrame exchange) {
        CameraReader reader = new CameraReader(Objects.requireNonNull(source, "source must not be null"),
                Objects.requireNonNull(exchange, "exchange must not be null"));
        reader.thread.start();
        return reader;
    }

    private void run() {
        try {
            while (!closed) {
                Optional<Frame> frame;
                try {
                    frame = source.next();
                } catch (IOException | RuntimeException e) {
                    // The process source never throws; another source might: report, breathe, read again.
                    log.error("camera reader: the source failed: {}; reading again in {} ms", e.toString(), AFTER_FAILURE.toMillis());
                    Thread.sleep(AFTER_FAILURE.toMillis());
                    continue;
                }
                if (frame.isEmpty()) {
                    break;
                }
                exchange.offer(frame.get());
            }
        } catch (InterruptedException e) {
            // close() asked us to stop.
        } finally {
            exchange.end();
        }
    }

    /** Whether the reader has stopped (the source ended, or it was closed). */
    public boolean finished() {
        return !thread.isAlive();
    }

    /** Closes the source (killing its process), stops the thread and waits up to 5 s for it. */
    @Override
    public void close() throws IOException {
        closed = true;
        try {
            source.close();
        } finally {
            thread.interrupt();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
