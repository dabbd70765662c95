package io.limen.agent.display;

import io.limen.agent.policy.Decision;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer thread of an I2C screen (LCD, OLED): one slot, newest decision wins, so the admit thread
 * never waits on the bus and a slow screen shows the latest decision, not a queue of old ones. The
 * screen is opened on this thread before the first decision; a screen that does not open is logged once
 * and the thread ends; a failed write is logged and the next decision is written as usual.
 */
final class NewestDecisionWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NewestDecisionWriter.class);

    private final AtomicReference<Decision> slot = new AtomicReference<>();
    private final String screenName;
    private final Supplier<Consumer<Decision>> open;
    private final Thread thread;
    private volatile boolean closed;

    /**
     * @param screenName the screen in log lines ("LCD", "OLED"); the thread is named {@code <name>-writer} in lower case
     * @param open       run on the writer thread: initialises the screen and returns what writes one decision to
     *                   it; a RuntimeException means the screen did not initialise
     */
    NewestDecisionWriter(String screenName, Supplier<Consumer<Decision>> open) {
        this.screenName = Objects.requireNonNull(screenName, "screenName must not be null");
        this.open = Objects.requireNonNull(open, "open must not be null");
        thread = new Thread(this::run, screenName.toLowerCase(java.util.Locale.ROOT) + "-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Hands {@code decision} to the writer, replacing one not yet written. Never blocks. */
    void offer(Decision decision) {
        slot.set(decision);
        LockSupport.unpark(thread);
    }

    private void run() {
        Consumer<Decision> screen;
        try {
            screen = open.get();
        } catch (RuntimeException e) {
            log.warn("{} did not initialise (I2C): {}; decisions are not shown on it", screenName, e.toString());
            return;
        }
        while (!closed) {
            Decision decision = slot.getAndSet(null);
            if (decision == null) {
                LockSupport.park(this);
                continue;
            }
            try {
                screen.accept(decision);
            } catch (RuntimeException e) {
                // The display is for people; a failed write must not end the writer.
                log.warn("{} write failed: {}", screenName, e.toString());
            }
        }
    }

    /** Stops the writer; a decision not yet written is dropped. */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
    }
}
