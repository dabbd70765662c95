package io.limen.agent.scanlog;

import io.limen.agent.policy.Decision;
import io.limen.format.Reason;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Decisions and entries for the scan log's tests, and a plain JDBC look at a file beside the code under test. */
final class Scans {

    static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");

    private Scans() {
    }

    /** A refusal whose signature was never checked: no credential fields. */
    static Decision refusal() {
        return Decision.denied(Reason.BAD_SIGNATURE, Optional.empty(), "forged");
    }

    /** A granted-looking entry with every field, the i-th of a burst. */
    static ScanEntry entry(int i, Instant at) {
        return new ScanEntry(at, Reason.OK, Optional.of(String.format("%032x", i)), Optional.of("https://issuer.example"),
                Optional.of("holder-" + i), Optional.of("lobby"), new ScanEntry.StageMicros(1200, 80, 3, 1400));
    }

    static List<ScanEntry> entries(int from, int count, Instant at) {
        List<ScanEntry> list = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            list.add(entry(i, at));
        }
        return list;
    }

    static List<Pending> pending(int from, int count, long handedNanos) {
        List<Pending> list = new ArrayList<>();
        for (ScanEntry e : entries(from, count, T0)) {
            list.add(new Pending(e, handedNanos));
        }
        return list;
    }

    /** Every sequence number in the file, in order, read with a connection of its own. */
    static List<Long> sequences(Path file) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT seq FROM scan ORDER BY seq")) {
            List<Long> seqs = new ArrayList<>();
            while (rs.next()) {
                seqs.add(rs.getLong(1));
            }
            return seqs;
        }
    }

    static List<Long> range(long first, long last) {
        List<Long> list = new ArrayList<>();
        for (long i = first; i <= last; i++) {
            list.add(i);
        }
        return list;
    }

    static void execute(Path file, String... sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }
}
