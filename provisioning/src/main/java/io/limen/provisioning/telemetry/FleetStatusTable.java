package io.limen.provisioning.telemetry;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The fleet status table: one header line with this consumer's counts, then one row per terminal, those
 * with scans first (by site and terminal), then those known only from their status topics (by topic
 * prefix). Times are UTC to the second; "–" where nothing is known.
 *
 * <pre>
 * fleet at 2026-11-30T15:40:00Z: 2 terminals, 3 batches, 120 scans written, 4 duplicates dropped, 1 refused (malformed 1)
 * TERMINAL       LAST SEEN             LAST SEQ  SCANS  DUPLICATES  GAPS  MISSING  STATUS                             HEARTBEAT             ALARMS
 * site-1/door-3  2026-11-30T15:39:58Z       144    120           4     1        3  online since 2026-11-30T15:00:01Z  2026-11-30T15:39:30Z  none
 * </pre>
 */
final class FleetStatusTable {

    private static final String NONE = "–";
    private static final List<String> HEADER =
            List.of("TERMINAL", "LAST SEEN", "LAST SEQ", "SCANS", "DUPLICATES", "GAPS", "MISSING", "STATUS", "HEARTBEAT", "ALARMS");
    /** Columns printed right-aligned (the numbers). */
    private static final Set<Integer> NUMERIC = Set.of(2, 3, 4, 5, 6);

    private FleetStatusTable() {
    }

    static String render(Instant now, TelemetryConsumer.Counts counts, List<FleetLedger.TerminalSummary> terminals,
                         Map<TerminalId, String> prefixes, Map<String, TelemetryConsumer.Presence> presence) {
        List<List<String>> rows = new ArrayList<>();
        Set<String> shown = new HashSet<>();
        for (FleetLedger.TerminalSummary t : terminals) {
            String prefix = prefixes.get(t.terminal());
            shown.add(prefix);
            TelemetryConsumer.Presence p = prefix == null ? null : presence.get(prefix);
            rows.add(List.of(t.terminal().toString(), time(t.lastSeen()), Long.toString(t.lastSequence()), Long.toString(t.scans()),
                    Long.toString(t.duplicates()), Integer.toString(t.gaps()), Long.toString(t.missing()), status(p), heartbeat(p), alarms(p)));
        }
        presence.forEach((prefix, p) -> {
            if (!shown.contains(prefix)) {
                rows.add(List.of(prefix, NONE, NONE, "0", "0", "0", "0", status(p), heartbeat(p), alarms(p)));
            }
        });
        StringBuilder out = new StringBuilder(header(now, counts, rows.size())).append('\n');
        int[] widths = new int[HEADER.size()];
        for (List<String> row : concat(List.of(HEADER), rows)) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : concat(List.of(HEADER), rows)) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                String cell = row.get(i);
                String pad = " ".repeat(widths[i] - cell.length());
                line.append(i == 0 ? "" : "  ").append(NUMERIC.contains(i) ? pad + cell : cell + pad);
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String header(Instant now, TelemetryConsumer.Counts c, int terminals) {
        String refused = c.refused().isEmpty() ? "0 refused" : c.refusedTotal() + " refused (" + c.refused().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey().code() + " " + e.getValue()).collect(Collectors.joining(", ")) + ")";
        return "fleet at " + time(now) + ": " + terminals + (terminals == 1 ? " terminal, " : " terminals, ") + c.batches()
                + " batches, " + c.scans() + " scans written, " + c.duplicates() + " duplicates dropped, " + refused;
    }

    private static String status(TelemetryConsumer.Presence p) {
        return p == null || p.status() == null ? NONE : p.status() + " since " + time(p.statusAt());
    }

    private static String heartbeat(TelemetryConsumer.Presence p) {
        return p == null || p.heartbeatAt() == null ? NONE : time(p.heartbeatAt());
    }

    private static String alarms(TelemetryConsumer.Presence p) {
        if (p == null || p.alarms() == null) {
            return NONE;
        }
        return p.alarms().isEmpty() ? "none" : p.alarms();
    }

    private static String time(Instant t) {
        return t == null ? NONE : t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
