package io.limen.agent.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.agent.policy.Decision;
import io.limen.format.Reason;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JournalDisplayTest {

    private static final Decision EXPIRED = new Decision.Denied(Reason.EXPIRED, Optional.empty(), "expired");

    @Test
    void shownDecision_isWrittenByTheWriterThread() throws Exception {
        BlockingQueue<String> written = new ArrayBlockingQueue<>(4);
        try (JournalDisplay display = new JournalDisplay(line -> written.add(Thread.currentThread().getName() + ": " + line))) {
            display.show(EXPIRED);

            assertEquals("display-writer: refused: expired", written.poll(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aBlockedJournal_neverHoldsUpShow_theNewestMessageWins() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch writing = new CountDownLatch(1);
        BlockingQueue<String> written = new ArrayBlockingQueue<>(4);
        try (JournalDisplay display = new JournalDisplay(line -> {
            writing.countDown();
            awaitQuietly(release);
            written.add(line);
        })) {
            display.show(EXPIRED);
            assertTrue(writing.await(10, TimeUnit.SECONDS));
            // The writer is stuck in the journal: these return at once, and only the last is kept.
            display.show(new Decision.Denied(Reason.REVOKED, Optional.empty(), "revoked"));
            display.show(new Decision.Denied(Reason.WRONG_ZONE, Optional.empty(), "zone"));
            release.countDown();

            assertEquals("refused: expired", written.poll(10, TimeUnit.SECONDS));
            assertEquals("refused: wrong_zone", written.poll(10, TimeUnit.SECONDS));
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
