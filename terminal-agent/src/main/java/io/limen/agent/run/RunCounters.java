package io.limen.agent.run;

import io.limen.agent.Agent;
import io.limen.agent.ScanOutcome;
import io.limen.format.Reason;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What a running terminal has done since it started, for the counter line a person reads in the
 * journal every minute. Written by the camera reader and the admit thread, read by the scheduler: all
 * atomic, none locked.
 */
public final class RunCounters {

    private static final Reason[] REASONS = Reason.values();

    private final AtomicLong framesRead = new AtomicLong();
    private final AtomicLong framesDropped = new AtomicLong();
    private final AtomicLong codesRead = new AtomicLong();
    private final AtomicLong repeats = new AtomicLong();
    private final AtomicLong cameraRestarts = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLongArray decisions = new AtomicLongArray(REASONS.length);

    void frameRead() {
        framesRead.incrementAndGet();
    }

    void frameDropped() {
        framesDropped.incrementAndGet();
    }

    void cameraRestarted() {
        cameraRestarts.incrementAndGet();
    }

    void error() {
        errors.incrementAndGet();
    }

    void admitted(Agent.Admission admission) {
        switch (admission.scan()) {
            case ScanOutcome.NoCode noCode -> { }
            case ScanOutcome.Repeated repeated -> {
                codesRead.incrementAndGet();
                repeats.incrementAndGet();
            }
            case ScanOutcome.Scanned scanned -> {
                codesRead.incrementAndGet();
                decisions.incrementAndGet(scanned.decision().reason().ordinal());
            }
        }
    }

    public long framesRead() {
        return framesRead.get();
    }

    public long framesDropped() {
        return framesDropped.get();
    }

    /** Frames in which the decoder read a code, decided or repeated. */
    public long codesRead() {
        return codesRead.get();
    }

    /** Frames with a code already decided (debounce): nothing shown or logged. */
    public long repeats() {
        return repeats.get();
    }

    public long cameraRestarts() {
        return cameraRestarts.get();
    }

    /** Frames or camera reads that failed with an error: each one log line, the loop went on. */
    public long errors() {
        return errors.get();
    }

    public long decisions(Reason reason) {
        return decisions.get(reason.ordinal());
    }

    public long decisions() {
        long total = 0;
        for (int i = 0; i < REASONS.length; i++) {
            total += decisions.get(i);
        }
        return total;
    }

    /** One journal line: {@code frames read=1800 dropped=2 decoded=40 repeated=37 decisions ok=2 expired=1 camera restarts=0 errors=0}. */
    public String line() {
        StringBuilder line = new StringBuilder()
                .append("frames read=").append(framesRead.get())
                .append(" dropped=").append(framesDropped.get())
                .append(" decoded=").append(codesRead.get())
                .append(" repeated=").append(repeats.get())
                .append(" decisions");
        int before = line.length();
        for (int i = 0; i < REASONS.length; i++) {
            long n = decisions.get(i);
            if (n > 0) {
                line.append(' ').append(REASONS[i].code()).append('=').append(n);
            }
        }
        if (line.length() == before) {
            line.append(" none");
        }
        return line.append(" camera restarts=").append(cameraRestarts.get()).append(" errors=").append(errors.get()).toString();
    }
}
