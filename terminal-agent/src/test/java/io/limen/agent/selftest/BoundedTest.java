package io.limen.agent.selftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A check that hangs costs its limit and is reported by name; one that throws says why. */
class BoundedTest {

    @Test
    void checkThatHangs_failsEveryNameAtItsLimit_andIsInterrupted() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        long start = System.nanoTime();
        List<Check> checks = Bounded.run(List.of("inputs", "outputs"), true, Duration.ofMillis(200), () -> {
            try {
                new CountDownLatch(1).await(); // a hung I2C bus, a locked database
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return List.of();
        });
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        assertEquals(List.of(Check.fail("inputs", true, "did not finish within 200 ms; stopped"),
                Check.fail("outputs", true, "did not finish within 200 ms; stopped")), checks);
        assertTrue(tookMs < 2_000, tookMs + " ms");
        assertTrue(interrupted.await(5, TimeUnit.SECONDS), "the overrunning check is interrupted");
    }

    @Test
    void checkThatThrows_failsSayingWhy() {
        Check check = Bounded.one("trust", true, Duration.ofSeconds(5), () -> {
            throw new IllegalStateException("trust.pem: not a PEM file");
        });
        assertEquals(Check.fail("trust", true, "could not be checked: trust.pem: not a PEM file"), check);
    }
}
