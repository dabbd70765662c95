package io.limen.agent.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimeFloorTest {

    private static final Instant FLOOR = Instant.parse("2026-11-30T12:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aClockIn1970_isNotTrusted_andIsReadAtTheFloor() {
        TimeReading reading = TimeFloor.inMemory(FLOOR).judge(Instant.EPOCH, true);
        assertEquals(new TimeReading(FLOOR, TimeReading.Trust.UNSYNCHRONISED), reading);
    }

    @Test
    void aClockSteppedBackAnHour_isNotTrusted_evenIfSynchronised() {
        TimeFloor floor = TimeFloor.inMemory(FLOOR);
        assertTrue(floor.judge(FLOOR.plusSeconds(60), true).trusted());
        TimeReading back = floor.judge(FLOOR.plusSeconds(60).minus(Duration.ofHours(1)), true);
        assertEquals(new TimeReading(FLOOR.plusSeconds(60), TimeReading.Trust.UNSYNCHRONISED), back);
    }

    @Test
    void aSecondOrTwoBack_isNtpSlewing_notARollback() {
        TimeFloor floor = TimeFloor.inMemory(FLOOR);
        assertTrue(floor.judge(FLOOR.minusSeconds(2), true).trusted());
    }

    @Test
    void anUnsynchronisedClockIn2099_isNotTrusted_andDoesNotRaiseTheFloor() {
        TimeFloor floor = TimeFloor.inMemory(FLOOR);
        Instant farAhead = Instant.parse("2099-01-01T00:00:00Z");
        TimeReading reading = floor.judge(farAhead, false);
        assertFalse(reading.trusted());
        assertEquals(FLOOR, floor.floor(), "a clock nobody synchronised cannot move the floor");
        assertTrue(floor.judge(FLOOR.plusSeconds(5), true).trusted(), "so the real time is still trusted afterwards");
    }

    @Test
    void aBootWithoutTimeSync_isNotTrusted() {
        assertFalse(TimeFloor.inMemory(FLOOR).judge(FLOOR.plusSeconds(30), false).trusted());
    }

    @Test
    void theFloor_isPersisted_andReadAtTheNextStart_withTimesyncdsSavedTime() throws Exception {
        Path file = dir.resolve("time-floor");
        TimeFloor floor = TimeFloor.open(file, Optional.empty());
        assertEquals(Instant.EPOCH, floor.floor());
        floor.judge(FLOOR, true); // a synchronised reading, more than 10 min past the last persisted one
        assertEquals(FLOOR + "\n", Files.readString(file));
        floor.judge(FLOOR.plusSeconds(60), true); // raised in memory, written at most every 10 min
        assertEquals(FLOOR + "\n", Files.readString(file));
        floor.persist();
        assertEquals(FLOOR.plusSeconds(60), TimeFloor.open(file, Optional.empty()).floor());

        Path saved = dir.resolve("clock");
        Files.createFile(saved);
        Files.setLastModifiedTime(saved, FileTime.from(FLOOR.plusSeconds(3600)));
        assertEquals(FLOOR.plusSeconds(3600), TimeFloor.open(file, TimeFloor.timesyncdSaved(saved)).floor());
    }

    @Test
    void aDamagedFloorFile_startsFrom1970() throws Exception {
        Path file = dir.resolve("time-floor");
        Files.writeString(file, "not a time");
        assertEquals(Instant.EPOCH, TimeFloor.open(file, Optional.empty()).floor());
    }

    @Test
    void timesyncd_saysSynchronisedOnlyWithItsFlag_andWithoutTimesyncdNobodyCanTell() throws Exception {
        Path run = Files.createDirectory(dir.resolve("timesync"));
        assertFalse(new TimesyncdState(run).getAsBoolean(), "timesyncd runs and has not synchronised since boot");
        Files.createFile(run.resolve("synchronized"));
        assertTrue(new TimesyncdState(run).getAsBoolean());
        assertTrue(new TimesyncdState(dir.resolve("no-timesyncd")).getAsBoolean(), "no timesyncd: the floor alone judges");
    }

    @Test
    void theFlooredClock_readsTheSystemClockAgainstTheFloor_andSignedTimesRaiseIt() {
        TimeFloor floor = TimeFloor.inMemory(FLOOR);
        FlooredWallClock clock = new FlooredWallClock(java.time.Clock.fixed(Instant.EPOCH, java.time.ZoneOffset.UTC), floor, () -> true);
        assertEquals(new TimeReading(FLOOR, TimeReading.Trust.UNSYNCHRONISED), clock.read());
        clock.trustworthyTimeSeen(FLOOR.plusSeconds(3600));
        assertEquals(FLOOR.plusSeconds(3600), clock.read().instant());
    }
}
