package io.limen.agent.display;

import io.limen.agent.policy.Decision;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
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
    private final Consumer<String> journal;
    private final Thread writer;
    private volatile boolean closed;

    /** Writes to the log at INFO ("display: welcome, Ada"). */
    public JournalDisplay() {
        this(line -> log.info("display: {}", line));
    }

    /** @param journal where each line goes, on the writer thread; may block, the admit thread never waits */
    public JournalDisplay(Consumer<String> journal) {
        this.journal = Objects.requireNonNull(journal, "journal must not be null");
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
                try {
                    journal.accept(message.line());
                } catch (RuntimeException e) {
                    // The display is for people; a failed write must not end the writer.
                    log.warn("Display write failed: {}", e.toString());
                }
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
