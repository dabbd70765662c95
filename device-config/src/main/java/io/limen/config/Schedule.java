package io.limen.config;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

/**
 * When an entrance is open, in its own civil time: weekly windows in an IANA time zone, closed all day
 * on holidays. Daylight-saving changes follow the zone's rules, so "07:00" is 07:00 on the wall clock of
 * the building all year.
 *
 * @param timeZone the building's zone, such as {@code Europe/Berlin}
 * @param open     at least one weekly window
 * @param holidays dates (in {@code timeZone}) on which the entrance is closed all day
 */
public record Schedule(ZoneId timeZone, List<WeeklyWindow> open, Set<LocalDate> holidays) {

    /** The most weekly windows, and the most holidays, one schedule may list. */
    public static final int MAX_WINDOWS = 64;
    public static final int MAX_HOLIDAYS = 400;

    public Schedule {
        Checks.present("policy.schedule.timeZone", timeZone);
        open = List.copyOf(Checks.present("policy.schedule.open", open));
        holidays = Set.copyOf(Checks.present("policy.schedule.holidays", holidays));
        if (open.isEmpty() || open.size() > MAX_WINDOWS) {
            throw new IllegalArgumentException("policy.schedule.open must list 1.." + MAX_WINDOWS + " windows, but listed " + open.size());
        }
        if (holidays.size() > MAX_HOLIDAYS) {
            throw new IllegalArgumentException("policy.schedule.holidays must list at most " + MAX_HOLIDAYS + " dates, but listed "
                    + holidays.size());
        }
    }

    /** Whether the entrance is open at {@code instant}: not a holiday there, and inside one window. */
    public boolean isOpen(Instant instant) {
        ZonedDateTime local = instant.atZone(timeZone);
        if (holidays.contains(local.toLocalDate())) {
            return false;
        }
        DayOfWeek day = local.getDayOfWeek();
        int minute = local.getHour() * 60 + local.getMinute();
        for (WeeklyWindow window : open) {
            if (window.contains(day, minute)) {
                return true;
            }
        }
        return false;
    }
}
