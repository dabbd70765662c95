package io.limen.agent.scanlog;

import io.limen.agent.gate.GateEvent;
import io.limen.agent.policy.Decision;

/**
 * Where the admit thread hands each decision (a grant or a refusal, never a frame without a code). An
 * implementation returns at once: it may copy, enqueue and count, never wait for a lock, the disk or a
 * thread. {@link #NONE} is a terminal without a scan log, so the admit path calls this unconditionally.
 */
public interface ScanLog extends AutoCloseable {

    /** Records nothing: a terminal configured without a scan log. */
    ScanLog NONE = new ScanLog() {
        @Override
        public void decided(Decision decision, long decodeNanos, long verifyNanos, long decideNanos, long frameToRelayNanos) {
            // No scan log configured: nothing to record.
        }

        @Override
        public void gateEvent(GateEvent event) {
            // No scan log configured: nothing to record.
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return "ScanLog.NONE";
        }
    };

    /**
     * Hands one decision to the log, on the admit thread. Never blocks and never throws on a full or
     * failed log: that is counted and alarmed by the implementation.
     *
     * @param decodeNanos       the decoder's time for the frame, 0 for a code not from a camera
     * @param verifyNanos       the verifier's time
     * @param decideNanos       the policy's time
     * @param frameToRelayNanos the frame's arrival to the gate command returning
     */
    void decided(Decision decision, long decodeNanos, long verifyNanos, long decideNanos, long frameToRelayNanos);

    /**
     * Hands one gate event to the log, beside the decisions, on whichever thread the gate saw it (an
     * input edge, a timer). Never blocks and never throws, as {@link #decided}.
     */
    void gateEvent(GateEvent event);

    /** Makes durable what was handed over (as far as the outbox can be written), then stops. */
    @Override
    void close();
}
