package io.limen.agent.run;

import io.limen.agent.Agent;
import io.limen.agent.ScanOutcome;
import io.limen.agent.camera.CameraCounters;
import io.limen.format.Reason;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What a running terminal's admit thread has done since it started, for the counter line a person
 * reads in the journal every minute beside the camera's own {@link CameraCounters}. Written by the
 * admit thread, read by the scheduler: all atomic, none locked.
 */
public final class RunCounters {

    private static final Reason[] REASONS = Reason.values();

    private final AtomicLong framesDecoded = new AtomicLong();
    private final AtomicLong codesRead = new AtomicLong();
    private final AtomicLong repeats = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLongArray decisions = new AtomicLongArray(REASONS.length);

    void error() {
        errors.incrementAndGet();
    }

    void admitted(Agent.Admission admission) {
        framesDecoded.incrementAndGet();
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

    /** Frames the admit thread ran the decoder on. */
    public long framesDecoded() {
        return framesDecoded.get();
    }

    /** Frames in which the decoder read a code, decided or repeated. */
    public long codesRead() {
        return codesRead.get();
    }

    /** Frames with a code already decided (debounce): nothing shown or logged. */
    public long repeats() {
        return repeats.get();
    }

    /** Frames whose admission failed with an error: each one log line, the loop went on. */
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

    /**
     * One journal line, with the camera's own counts: {@code frames read=1800 dropped=2 decoded=1798
     * codes=40 repeated=37 decisions ok=2 expired=1 camera restarts=0 short reads=0 errors=0}.
     */
    public String line(CameraCounters.Counts camera) {
        StringBuilder line = new StringBuilder()
                .append("frames read=").append(camera.framesRead())
                .append(" dropped=").append(camera.dropped())
                .append(" decoded=").append(framesDecoded.get())
                .append(" codes=").append(codesRead.get())
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
        return line.append(" camera restarts=").append(camera.restarts()).append(" short reads=").append(camera.shortReads())
                .append(" errors=").append(errors.get()).toString();
    }
}
