package io.limen.config;

import java.time.DayOfWeek;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One weekly opening window: on these days, from {@code start} (inclusive) to {@code end} (exclusive),
 * in minutes of the day. Written {@code mon-fri 07:00-19:00}, {@code sat,sun 10:00-14:00} or
 * {@code mon 00:00-24:00}; a window does not cross midnight (write two).
 *
 * @param days        at least one day
 * @param startMinute 0..1439
 * @param endMinute   after {@code startMinute}, at most 1440 ({@code 24:00})
 */
public record WeeklyWindow(Set<DayOfWeek> days, int startMinute, int endMinute) {

    public static final String FORMAT = "DAYS HH:MM-HH:MM, DAYS one of mon..sun, a range (mon-fri) or a list (sat,sun)";

    private static final List<String> DAY_NAMES = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
    private static final Pattern TEXT = Pattern.compile("([a-z,\\-]+) (\\d\\d):(\\d\\d)-(\\d\\d):(\\d\\d)");

    public WeeklyWindow {
        days = Set.copyOf(days);
        if (days.isEmpty()) {
            throw new IllegalArgumentException("a weekly window must name at least one day");
        }
        if (startMinute < 0 || startMinute >= 1440 || endMinute <= startMinute || endMinute > 1440) {
            throw new IllegalArgumentException("a weekly window must run from 00:00..23:59 to a later time up to 24:00, but ran "
                    + clock(startMinute) + "-" + clock(endMinute));
        }
    }

    /**
     * Reads {@link #FORMAT}.
     *
     * @throws IllegalArgumentException naming the text and the rule
     */
    public static WeeklyWindow parse(String text) {
        Matcher m = TEXT.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" must be " + FORMAT);
        }
        int start = minutes(text, m.group(2), m.group(3));
        int end = minutes(text, m.group(4), m.group(5));
        try {
            return new WeeklyWindow(days(text, m.group(1)), start, end);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + text + "\": " + e.getMessage(), e);
        }
    }

    public boolean contains(DayOfWeek day, int minuteOfDay) {
        return days.contains(day) && minuteOfDay >= startMinute && minuteOfDay < endMinute;
    }

    private static Set<DayOfWeek> days(String text, String spec) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String part : spec.split(",", -1)) {
            String[] range = part.split("-", -1);
            if (range.length > 2) {
                throw new IllegalArgumentException("\"" + text + "\": \"" + part + "\" must be a day or a range of days");
            }
            int from = day(text, range[0]);
            int to = range.length == 2 ? day(text, range[1]) : from;
            if (to < from) {
                throw new IllegalArgumentException("\"" + text + "\": the range " + part + " must run forward within mon..sun");
            }
            for (int d = from; d <= to; d++) {
                days.add(DayOfWeek.of(d + 1));
            }
        }
        return days;
    }

    private static int day(String text, String name) {
        int index = DAY_NAMES.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("\"" + text + "\": \"" + name + "\" must be one of " + String.join(", ", DAY_NAMES));
        }
        return index;
    }

    private static int minutes(String text, String hours, String minutes) {
        int h = Integer.parseInt(hours);
        int m = Integer.parseInt(minutes);
        if (h > 24 || m > 59 || h == 24 && m != 0) {
            throw new IllegalArgumentException("\"" + text + "\": " + hours + ":" + minutes + " must be a time from 00:00 to 24:00");
        }
        return h * 60 + m;
    }

    private static String clock(int minutes) {
        return String.format(Locale.ROOT, "%02d:%02d", minutes / 60, minutes % 60);
    }

    @Override
    public String toString() {
        return days.stream().sorted().map(d -> DAY_NAMES.get(d.getValue() - 1)).reduce((a, b) -> a + "," + b).orElse("")
                + " " + clock(startMinute) + "-" + clock(endMinute);
    }
}
