package io.limen.agent.selftest;

import io.limen.agent.time.TimeFloor;
import io.limen.agent.time.TimeReading;
import io.limen.config.ListsConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The clock against the time floor ({@link TimeFloor}: the newest time the terminal has good reason to
 * believe has passed, kept in the state folder as {@code time-floor}, raised by timesyncd's saved time),
 * judged as {@code run} judges it. Read only: the floor file is never written here.
 *
 * <pre>
 *   clock before 2025                        FAIL, needed: never set (a Pi without RTC boots in 1970)
 *   clock more than 2 min behind the floor   FAIL, needed: it went back; validity would be judged at the floor
 *   not synchronised since boot              FAIL; needed only when lists.whenClockUnsynced is refuse
 *   otherwise                                PASS
 * </pre>
 */
final class ClockCheck {

    /** A clock before this has not been set (a Pi without a real-time clock boots in 1970). */
    static final Instant EARLIEST_PLAUSIBLE = Instant.parse("2025-01-01T00:00:00Z");
    /** The floor file {@code run} keeps in the state folder ({@code LiveSeams}). */
    static final String FLOOR_FILE = "time-floor";

    private ClockCheck() {
    }

    /** The floor {@code run} would start from: the state folder's file, raised by timesyncd's saved time. */
    static Instant floor(ClockState clock, Path stateFolder) {
        Instant stored = TimeFloor.open(stateFolder.resolve(FLOOR_FILE), java.util.Optional.empty()).floor();
        return clock.savedElsewhere().filter(stored::isBefore).orElse(stored);
    }

    /** The time the terminal would judge validity and list age at: the clock, or the floor when the clock is behind it. */
    static Instant judgedAt(ClockState clock, Path stateFolder) {
        return TimeFloor.inMemory(floor(clock, stateFolder)).judge(clock.now(), clock.synchronised()).instant();
    }

    static Check run(ClockState clock, Path stateFolder, ListsConfig lists) {
        Instant floor = floor(clock, stateFolder);
        TimeReading judged = TimeFloor.inMemory(floor).judge(clock.now(), clock.synchronised());
        Duration behind = clock.now().isBefore(floor) ? Duration.between(clock.now(), floor) : Duration.ZERO;
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("clock", clock.now().toString());
        facts.put("floor", floor.toString());
        facts.put("behindFloorMs", behind.toMillis());
        facts.put("synchronised", clock.synchronised());
        facts.put("trusted", judged.trusted());
        String floorText = floor.equals(Instant.EPOCH) ? "no time floor yet" : "time floor " + floor;
        if (clock.now().isBefore(EARLIEST_PLAUSIBLE)) {
            return Check.fail("clock", true, "the clock reads " + clock.now() + ": not set (no RTC, no NTP yet); validity cannot"
                    + " be judged (" + floorText + ")").with(facts);
        }
        if (clock.now().isBefore(floor.minus(TimeFloor.TOLERANCE))) {
            return Check.fail("clock", true, "the clock reads " + clock.now() + ", " + behind.toSeconds() + " s behind the " + floorText
                    + " (signed lists, the last sync): it went back; validity would be judged at the floor").with(facts);
        }
        if (!clock.synchronised()) {
            boolean refuses = lists.whenClockUnsynced() == ListsConfig.Degraded.REFUSE;
            return Check.fail("clock", refuses, "reads " + clock.now() + ", not synchronised since boot (timesyncd): the entrance"
                    + " will " + lists.whenClockUnsynced().configName() + " (lists.whenClockUnsynced); " + floorText).with(facts);
        }
        return Check.pass("clock", true, "reads " + clock.now() + ", synchronised; " + floorText).with(facts);
    }
}
