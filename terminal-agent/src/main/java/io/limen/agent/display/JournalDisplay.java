package io.limen.agent.display;

import io.limen.agent.policy.Decision;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The display of a terminal without a screen: each message goes to the log (the systemd journal on a
 * Pi), written by its own daemon thread so the admit thread never waits on the log's I/O. One slot,
 * newest wins: a message not yet written when the next comes is dropped, as a screen would overwrite it.
 */
public final class JournalDisplay implements Display, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JournalDisplay.class);

    private final AtomicReference<DisplayMessage> slot = new AtomicReference<>();
    private final Thread writer;
    private volatile boolean closed;

    public JournalDisplay() {
        writer = new Thread(this::write, "display-writer");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void show(Decision decision) {
        slot.set(DisplayMessage.of(decision));
        LockSupport.unpark(writer);
    }

    private void write() {
        while (!closed) {
            DisplayMessage message = slot.getAndSet(null);
            if (message == null) {
                LockSupport.park(this);
            } else {
                log.info("display: {}", message.line());
            }
        }
    }

    /** Stops the writer; a message not yet written is dropped. */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(writer);
    }
}
