package io.limen.agent;

import io.limen.agent.policy.Decision;
import java.util.Objects;
import java.util.Optional;

/**
 * One scan from frame to decision.
 *
 * @param text what the decoder read; empty when the frame held no readable code
 */
public record ScanResult(Optional<String> text, Decision decision, StageTimes times) {

    public ScanResult {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(times, "times");
    }

    /** Nanoseconds spent in each stage; zero for a stage that did not run. */
    public record StageTimes(long decodeNanos, long verifyNanos, long decideNanos) {

        public long totalNanos() {
            return decodeNanos + verifyNanos + decideNanos;
        }
    }
}
