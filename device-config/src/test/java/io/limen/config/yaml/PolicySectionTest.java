package io.limen.config.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.config.PolicyConfig;
import io.limen.config.Schedule;
import io.limen.config.WeeklyWindow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The policy section: dynamic codes only, the presentation window, and the schedule with its windows, zone and holidays. */
class PolicySectionTest {

    @TempDir
    Path dir;

    /** Lines 1-4; the policy section starts at line 5. */
    private static final String REST = """
            terminal: {site: hq, id: door-1, zone: lab}
            credentials: {trustFile: trust.pem}
            camera: {source: {kind: synthetic}}
            paths: {state: state, logs: logs}
            """;

    @BeforeEach
    void files() throws IOException {
        ConfigLoads.writeNamedFiles(dir);
    }

    private Path write(String policy) throws IOException {
        return Files.writeString(dir.resolve("c.yaml"), REST + policy);
    }

    @Test
    void leftOut_isStaticCodesWelcome_thirtySecondWindow_alwaysOpen() throws IOException {
        assertEquals(PolicyConfig.DEFAULTS, ConfigLoads.loaded(write("")).policy());
        assertEquals(new PolicyConfig(Duration.ofSeconds(30), false, java.util.Optional.empty()), PolicyConfig.DEFAULTS);
    }

    @Test
    void everyKey_landsInTheRecord() throws IOException {
        PolicyConfig policy = ConfigLoads.loaded(write("""
                policy:
                  presentationWindowMs: 10000
                  dynamicCodesOnly: true
                  schedule:
                    timeZone: Europe/Berlin
                    open: ["mon-fri 07:00-19:00", "sat,sun 10:00-14:00"]
                    holidays: [2026-12-25, "2026-12-26"]
                """)).policy();

        assertEquals(Duration.ofSeconds(10), policy.presentationWindow());
        assertTrue(policy.dynamicCodesOnly());
        Schedule schedule = policy.schedule().orElseThrow();
        assertEquals(ZoneId.of("Europe/Berlin"), schedule.timeZone());
        assertEquals(List.of(new WeeklyWindow(Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY), 420, 1140), new WeeklyWindow(Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), 600, 840)), schedule.open());
        assertEquals(Set.of(LocalDate.parse("2026-12-25"), LocalDate.parse("2026-12-26")), schedule.holidays());
    }

    @Test
    void badValues_areEachReportedAtTheirKey() throws IOException {
        List<String> problems = ConfigLoads.problems(write("""
                policy:
                  schedule:
                    timeZone: Mars/Olympus
                    open: ["mon-fri 07:00-25:00", "funday 10:00-11:00", "mon 10:00-09:00"]
                    holidays: [2026-02-30]
                """));

        assertTrue(problems.stream().anyMatch(p -> p.contains("policy.schedule.timeZone") && p.contains("Mars/Olympus")), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.contains("25:00 must be a time from 00:00 to 24:00")), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.contains("\"funday\" must be one of mon")), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.contains("from 00:00..23:59 to a later time")), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.contains("policy.schedule.holidays") && p.contains("2026-02-30")), problems::toString);
    }

    @Test
    void windowOutsideItsRange_isReportedAtItsLineAndColumn() throws IOException {
        assertEquals(List.of("6:25 policy.presentationWindowMs: 999 — must be between 1000 and 600000"),
                ConfigLoads.problems(write("policy:\n  presentationWindowMs: 999\n")));
    }

    @Test
    void aScheduleWithoutWindows_isRefused() throws IOException {
        List<String> problems = ConfigLoads.problems(write("policy: {schedule: {timeZone: UTC}}\n"));
        assertTrue(problems.stream().anyMatch(p -> p.contains("policy.schedule.open")), problems::toString);
    }

    /**
     * Europe/Berlin, mon-fri 07:00-19:00, closed on 2026-12-25 (a Friday). Start inclusive, end exclusive,
     * in the building's civil time across the daylight-saving change (2026-03-29 02:00 CET -> CEST).
     */
    @ParameterizedTest(name = "{0} -> open {1}")
    @CsvSource({
            "2026-12-21T06:00:00Z, true",   // Monday 07:00 CET: the first minute
            "2026-12-21T05:59:59Z, false",  // Monday 06:59:59
            "2026-12-21T17:59:59Z, true",   // Monday 18:59:59
            "2026-12-21T18:00:00Z, false",  // Monday 19:00: the end is exclusive
            "2026-12-26T10:00:00Z, false",  // Saturday
            "2026-12-25T10:00:00Z, false",  // Friday, a holiday
            "2026-12-24T23:00:00Z, false",  // the holiday's first second, in Berlin (00:00 CET)
            "2026-12-24T17:59:59Z, true",   // Thursday 18:59:59, the day before
            "2026-03-30T05:00:00Z, true",   // Monday after the change: 07:00 CEST is 05:00Z
            "2026-03-30T04:59:59Z, false",
            "2026-03-27T05:59:59Z, false",  // Friday before the change: 06:59:59 CET
    })
    void isOpen_atItsBoundaries(Instant at, boolean open) {
        Schedule schedule = new Schedule(ZoneId.of("Europe/Berlin"), List.of(WeeklyWindow.parse("mon-fri 07:00-19:00")),
                Set.of(LocalDate.parse("2026-12-25")));
        assertEquals(open, schedule.isOpen(at));
    }

    @Test
    void wholeDay_runsTo24() {
        WeeklyWindow day = WeeklyWindow.parse("sun 00:00-24:00");
        assertTrue(day.contains(DayOfWeek.SUNDAY, 0));
        assertTrue(day.contains(DayOfWeek.SUNDAY, 1439));
        assertFalse(day.contains(DayOfWeek.MONDAY, 0));
        assertEquals("sun 00:00-24:00", day.toString());
    }
}
