package io.limen.agent;

import io.limen.agent.policy.Decision;
import io.limen.format.Reason;
import java.util.Objects;

/**
 * What one scan found: {@link NoCode} (most frames: nobody is there, nothing is shown or logged), a
 * {@link Scanned} code with its decision, or on a live camera a {@link Repeated} code, already decided
 * while it stays in view. A frame without a code is not a denial, nor is a repeat.
 */
public sealed interface ScanOutcome permits ScanOutcome.NoCode, ScanOutcome.Scanned, ScanOutcome.Repeated {

    StageTimes times();

    /** The frame or image held no readable QR code; only the decoder ran. */
    record NoCode(StageTimes times) implements ScanOutcome {
        public NoCode {
            Objects.requireNonNull(times, "times must not be null");
        }
    }

    /** @param text what the decoder read */
    record Scanned(String text, Decision decision, StageTimes times) implements ScanOutcome {
        public Scanned {
            Objects.requireNonNull(text, "text must not be null");
            Objects.requireNonNull(decision, "decision must not be null");
            Objects.requireNonNull(times, "times must not be null");
        }
    }

    /**
     * A code the camera keeps seeing, decided when it first came into view (debounce): nothing is
     * verified, shown or logged for it. Only the live loop makes these.
     *
     * @param text what the decoder read
     */
    record Repeated(String text, StageTimes times) implements ScanOutcome {
        public Repeated {
            Objects.requireNonNull(text, "text must not be null");
            Objects.requireNonNull(times, "times must not be null");
        }
    }

    /** The stable code of what was decided: the decision's reason, or {@code no_code} when nothing was (no code, a repeat). */
    default Reason reason() {
        return this instanceof Scanned scanned ? scanned.decision().reason() : Reason.NO_CODE;
    }

    /** Nanoseconds spent in each stage; zero for a stage that did not run. */
    record StageTimes(long decodeNanos, long verifyNanos, long decideNanos) {

        public long totalNanos() {
            return decodeNanos + verifyNanos + decideNanos;
        }
    }
}
