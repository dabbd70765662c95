package io.limen.agent.time;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * Whether systemd-timesyncd has synchronised the clock since boot: it creates
 * {@code /run/systemd/timesync/synchronized} then (systemd 239 and later). On a machine without
 * timesyncd (no {@code /run/systemd/timesync}) nobody here can tell, and the clock is taken as
 * synchronised, as before; the {@link TimeFloor} still catches a clock that went back. Looked at most
 * once a second, so that a reading stays a volatile read.
 */
public final class TimesyncdState implements BooleanSupplier {

    public static final Path RUN = Path.of("/run/systemd/timesync");
    /** Where timesyncd keeps the last synchronised time, as the file's modification time. */
    public static final Path SAVED_CLOCK = Path.of("/var/lib/systemd/timesync/clock");

    private static final long RECHECK_NANOS = 1_000_000_000L;

    private final Path run;
    private volatile boolean synchronised;
    private volatile long checkedAt;

    public TimesyncdState(Path run) {
        this.run = run;
        this.synchronised = look();
        this.checkedAt = System.nanoTime();
    }

    private boolean look() {
        return !Files.isDirectory(run) || Files.exists(run.resolve("synchronized"));
    }

    @Override
    public boolean getAsBoolean() {
        long now = System.nanoTime();
        if (now - checkedAt > RECHECK_NANOS) {
            checkedAt = now;
            synchronised = look();
        }
        return synchronised;
    }
}
