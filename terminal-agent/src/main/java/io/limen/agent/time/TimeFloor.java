package io.limen.agent.time;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The newest time the terminal has good reason to believe has passed: the issue times of signed lists,
 * the last synchronised clock reading (persisted), and systemd-timesyncd's own saved time where present.
 * A Pi has no real-time clock: after a power cut it may wake in 1970 or last week, and a clock behind
 * the floor is not trusted, nor is validity judged on it.
 *
 * <pre>
 * clock ≥ floor − 2 min, synchronised     → trusted; the floor follows it (persisted at most every 10 min)
 * clock ≥ floor − 2 min, not synchronised → not trusted; judged at max(clock, floor)
 * clock &lt; floor − 2 min (1970, a step back) → not trusted; judged at the floor, never at the clock
 * </pre>
 *
 * Only trustworthy times raise the floor: an unsynchronised clock never does, so a clock set to 2099 by
 * hand cannot poison it. Persisted to one file (temp then rename); a file that cannot be read is a floor
 * of {@link Instant#EPOCH}, said at WARN.
 */
public final class TimeFloor {

    private static final Logger log = LoggerFactory.getLogger(TimeFloor.class);

    /** How far behind the floor a clock may be and still be trusted: NTP slews, a second here and there. */
    public static final Duration TOLERANCE = Duration.ofMinutes(2);
    /** How often a synchronised clock's reading is written as the new floor. */
    public static final Duration PERSIST_EVERY = Duration.ofMinutes(10);

    private final Optional<Path> file;
    private volatile Instant floor;
    private Instant persisted;

    private TimeFloor(Optional<Path> file, Instant floor) {
        this.file = file;
        this.floor = floor;
        this.persisted = floor;
    }

    /** A floor kept in {@code file} (read now), raised to {@code others} (timesyncd's saved time, say) if newer. */
    public static TimeFloor open(Path file, Optional<Instant> others) {
        Instant stored = read(file);
        TimeFloor floor = new TimeFloor(Optional.of(file), stored);
        others.ifPresent(floor::raise);
        return floor;
    }

    /** A floor in memory only, for tests and one-shot commands. */
    public static TimeFloor inMemory(Instant floor) {
        return new TimeFloor(Optional.empty(), floor);
    }

    /**
     * The time systemd-timesyncd saved when it last synchronised ({@code /var/lib/systemd/timesync/clock}'s
     * modification time), if that file exists.
     */
    public static Optional<Instant> timesyncdSaved(Path clockFile) {
        try {
            return Files.exists(clockFile) ? Optional.of(Files.getLastModifiedTime(clockFile).toInstant()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Instant read(Path file) {
        if (!Files.exists(file)) {
            return Instant.EPOCH;
        }
        try {
            return Instant.parse(Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (IOException | DateTimeParseException e) {
            log.warn("Time floor {} cannot be read ({}); starting from 1970", file, e.getMessage());
            return Instant.EPOCH;
        }
    }

    /** The floor now. */
    public Instant floor() {
        return floor;
    }

    /** Raises the floor to {@code trustworthy} (a signed list's issue time, a synchronised reading) if it is newer. */
    public synchronized void raise(Instant trustworthy) {
        if (!trustworthy.isAfter(floor)) {
            return;
        }
        floor = trustworthy;
        if (file.isPresent() && Duration.between(persisted, trustworthy).compareTo(PERSIST_EVERY) >= 0) {
            persist(file.get(), trustworthy);
        }
    }

    /** Writes the floor now (at shutdown, after a signed list). */
    public synchronized void persist() {
        file.ifPresent(f -> persist(f, floor));
    }

    private void persist(Path target, Instant value) {
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            Files.writeString(temp, value + "\n", StandardCharsets.UTF_8);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            persisted = value;
        } catch (IOException e) {
            log.warn("Time floor {} cannot be written ({}); it stays at {} in memory", target, e.getMessage(), value);
        }
    }

    /** What a clock reading of {@code clock}, synchronised or not, is worth against the floor (see the class comment). */
    public TimeReading judge(Instant clock, boolean synchronised) {
        Instant now = floor;
        if (clock.isBefore(now.minus(TOLERANCE))) {
            return new TimeReading(now, TimeReading.Trust.UNSYNCHRONISED);
        }
        if (!synchronised) {
            return new TimeReading(clock.isAfter(now) ? clock : now, TimeReading.Trust.UNSYNCHRONISED);
        }
        if (clock.isAfter(now)) {
            raise(clock);
        }
        return new TimeReading(clock, TimeReading.Trust.SYNCHRONISED);
    }

    @Override
    public String toString() {
        return "TimeFloor{" + floor + file.map(f -> ", " + f).orElse("") + "}";
    }
}
