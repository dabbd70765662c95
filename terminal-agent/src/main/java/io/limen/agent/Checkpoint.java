package io.limen.agent;

import io.limen.format.Reason;
import io.limen.agent.camera.Frame;
import io.limen.format.credential.CredentialVerifier;
import io.limen.format.credential.Verification;
import io.limen.agent.decode.QrDecoder;
import io.limen.agent.policy.AccessPolicy;
import io.limen.agent.policy.Decision;
import java.time.Instant;
import java.util.Optional;

/**
 * The admit path up to the decision: frame → text → credential → decision, timed per stage. The
 * live agent, {@code demo} and {@code scan} all go through here, so they decide alike.
 * Not thread-safe (the decoder reuses its buffers); one per camera.
 */
public final class Checkpoint {

    private final QrDecoder decoder;
    private final CredentialVerifier verifier;
    private final AccessPolicy policy;

    public Checkpoint(QrDecoder decoder, CredentialVerifier verifier, AccessPolicy policy) {
        this.decoder = decoder;
        this.verifier = verifier;
        this.policy = policy;
    }

    public ScanResult scan(Frame frame, Instant now) {
        long start = System.nanoTime();
        Optional<String> text = decoder.decode(frame);
        long decodeNanos = System.nanoTime() - start;
        if (text.isEmpty()) {
            Decision noCode = Decision.denied(Reason.NO_CODE, Optional.empty(), "no readable QR code in the frame");
            return new ScanResult(text, noCode, new ScanResult.StageTimes(decodeNanos, 0, 0));
        }
        return check(text.get(), now, decodeNanos);
    }

    /** The path from a code's text, for codes that did not come from a camera. */
    public ScanResult check(String text, Instant now) {
        return check(text, now, 0);
    }

    private ScanResult check(String text, Instant now, long decodeNanos) {
        long start = System.nanoTime();
        Verification verification = verifier.verify(text, now);
        long verified = System.nanoTime();
        Decision decision = policy.decide(verification);
        long decided = System.nanoTime();
        return new ScanResult(Optional.of(text), decision,
                new ScanResult.StageTimes(decodeNanos, verified - start, decided - verified));
    }
}
