package io.limen.provisioning.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** De-duplication by (terminal, sequence) and gap tracking, with no MQTT: examples, then any interleaving. */
class FleetLedgerTest {

    private static final Instant T0 = Instant.parse("2026-11-30T14:00:00Z");
    private static final TerminalId DOOR = new TerminalId("site-1", "door-3");

    private static Batch batch(TerminalId terminal, long... sequences) {
        List<Scan> scans = new ArrayList<>();
        for (long s : sequences) {
            scans.add(new Scan(s, "2026-11-30T14:00:00Z", true, "ok", null, null, null, null, null, new Scan.Micros(1, 2, 3, 4)));
        }
        return new Batch("id-" + sequences[0], terminal, sequences[0], sequences[sequences.length - 1], "2026-11-30T14:00:00Z", scans);
    }

    private static FleetLedger.Admitted admit(FleetLedger ledger, Batch batch) {
        return assertInstanceOf(FleetLedger.Admitted.class, ledger.admit(batch, T0));
    }

    private static List<Long> sequences(FleetLedger.Admitted a) {
        return a.fresh().stream().map(Scan::sequence).toList();
    }

    private static SequenceRange r(long first, long last) {
        return new SequenceRange(first, last);
    }

    @Test
    void aBatchSentAgain_inOtherBoundaries_yieldsOnlyItsNewScans() {
        FleetLedger ledger = new FleetLedger(10);
        admit(ledger, batch(DOOR, Batches.range(1, 10)));
        FleetLedger.Admitted again = admit(ledger, batch(DOOR, Batches.range(6, 14)));
        assertEquals(List.of(11L, 12L, 13L, 14L), sequences(again));
        assertEquals(5, again.duplicates());
        assertEquals(List.of(), again.gapsOpened());
        FleetLedger.TerminalSummary summary = ledger.terminals().getFirst();
        assertEquals(new FleetLedger.TerminalSummary(DOOR, T0, 14, 14, 5, 0, 0), summary);
    }

    @Test
    void aGap_isReportedWhenItOpens_andWhenItIsFilled_inParts() {
        FleetLedger ledger = new FleetLedger(10);
        admit(ledger, batch(DOOR, 1, 2, 3));
        FleetLedger.Admitted jump = admit(ledger, batch(DOOR, 8, 9));
        assertEquals(List.of(r(4, 7)), jump.gapsOpened());
        assertEquals(4, jump.missing());

        FleetLedger.Admitted part = admit(ledger, batch(DOOR, 4, 5));
        assertEquals(List.of(r(4, 5)), part.gapsFilled());
        assertEquals(List.of(), part.gapsOpened());
        assertEquals(2, part.missing());
        assertEquals(List.of(r(6, 7)), ledger.gaps(DOOR));

        FleetLedger.Admitted rest = admit(ledger, batch(DOOR, 6, 7, 8));
        assertEquals(List.of(r(6, 7)), rest.gapsFilled());
        assertEquals(1, rest.duplicates());
        assertEquals(0, rest.missing());
    }

    @Test
    void aHoleInsideTheFirstBatch_isAGap_andNothingBelowTheLowestNumberIs() {
        FleetLedger ledger = new FleetLedger(10);
        FleetLedger.Admitted first = admit(ledger, batch(DOOR, 41, 42, 44));
        assertEquals(List.of(r(43, 43)), first.gapsOpened());

        FleetLedger.Admitted earlier = admit(ledger, batch(DOOR, 30, 31));
        assertEquals(List.of(r(32, 40)), earlier.gapsOpened());
        assertEquals(List.of(r(32, 40), r(43, 43)), ledger.gaps(DOOR));
    }

    @Test
    void terminals_areKeyedBySiteAndId() {
        FleetLedger ledger = new FleetLedger(10);
        admit(ledger, batch(DOOR, 1, 2));
        FleetLedger.Admitted otherSite = admit(ledger, batch(new TerminalId("site-2", "door-3"), 1, 2));
        assertEquals(List.of(1L, 2L), sequences(otherSite));
        assertEquals(2, ledger.terminals().size());
    }

    @Test
    void aTerminalBeyondTheCap_isRefused_andTheKnownOnesGoOn() {
        FleetLedger ledger = new FleetLedger(1);
        admit(ledger, batch(DOOR, 1));
        Refused refused = assertInstanceOf(Refused.class, ledger.admit(batch(new TerminalId("site-1", "door-4"), 1), T0));
        assertEquals(RefusalReason.TOO_MANY_TERMINALS, refused.reason());
        assertEquals("a batch of site-1/door-4, a new terminal, but the consumer keeps track of 1 already", refused.detail());
        assertEquals(List.of(2L), sequences(admit(ledger, batch(DOOR, 1, 2))));
        assertEquals(1, ledger.terminals().size());
    }

    /**
     * The property, over 300 random fleets: terminals number their scans from some start, a few scans
     * never arrive, the rest arrive in batches of random boundaries, some ranges again in other boundaries,
     * all shuffled. Then every delivered (terminal, sequence) comes out exactly once, the duplicates are
     * counted, the gaps are exactly the lost numbers between the lowest and highest delivered, and the
     * opened and filled events, replayed, always describe the gaps at that moment.
     */
    @Test
    void anyInterleavingAndDuplication_yieldsEachScanOnce_andExactGaps() {
        for (int seed = 0; seed < 300; seed++) {
            checkFleet(seed);
        }
    }

    private static void checkFleet(int seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<TerminalId, TreeSet<Long>> delivered = new HashMap<>();
        List<Batch> batches = new ArrayList<>();
        int terminals = 1 + random.nextInt(4);
        for (int t = 0; t < terminals; t++) {
            TerminalId id = new TerminalId("site-" + random.nextInt(2), "door-" + t);
            long start = 1 + random.nextInt(50);
            long count = 1 + random.nextInt(200);
            TreeSet<Long> sent = new TreeSet<>();
            for (long s = start; s < start + count; s++) {
                if (random.nextInt(100) >= 5) { // about 5 % never arrive
                    sent.add(s);
                }
            }
            if (sent.isEmpty()) {
                continue;
            }
            delivered.put(id, sent);
            List<Long> all = new ArrayList<>(sent);
            for (int i = 0; i < all.size(); ) { // the first delivery, cut anywhere
                int size = 1 + random.nextInt(20);
                batches.add(batch(id, all.subList(i, Math.min(all.size(), i + size))));
                i += size;
            }
            for (int d = random.nextInt(5); d > 0; d--) { // again, in other boundaries
                int from = random.nextInt(all.size());
                int to = Math.min(all.size(), from + 1 + random.nextInt(30));
                batches.add(batch(id, all.subList(from, to)));
            }
        }
        Collections.shuffle(batches, new Random(seed));

        FleetLedger ledger = new FleetLedger(10);
        Set<String> out = new HashSet<>();
        Map<TerminalId, TreeSet<Long>> seen = new HashMap<>();
        Map<TerminalId, TreeSet<Long>> openGaps = new HashMap<>();
        long fed = 0;
        long duplicates = 0;
        for (Batch b : batches) {
            FleetLedger.Admitted a = admit(ledger, b);
            fed += b.scans().size();
            duplicates += a.duplicates();
            for (Scan s : a.fresh()) {
                assertTrue(out.add(b.terminal() + "#" + s.sequence()), "seed " + seed + ": " + b.terminal() + " " + s.sequence() + " twice");
            }
            TreeSet<Long> now = seen.computeIfAbsent(b.terminal(), k -> new TreeSet<>());
            b.scans().forEach(s -> now.add(s.sequence()));
            TreeSet<Long> open = openGaps.computeIfAbsent(b.terminal(), k -> new TreeSet<>());
            for (SequenceRange filled : a.gapsFilled()) {
                for (long s = filled.first(); s <= filled.last(); s++) {
                    assertTrue(open.remove(s), "seed " + seed + ": filled " + s + " was not an open gap");
                }
            }
            for (SequenceRange opened : a.gapsOpened()) {
                for (long s = opened.first(); s <= opened.last(); s++) {
                    assertTrue(open.add(s), "seed " + seed + ": opened " + s + " twice");
                }
            }
            assertEquals(missingBetween(now), open, "seed " + seed + ": the events describe the gaps after " + b);
            assertEquals(open.size(), a.missing(), "seed " + seed);
        }
        long expectedOut = delivered.values().stream().mapToLong(TreeSet::size).sum();
        assertEquals(expectedOut, out.size(), "seed " + seed + ": every delivered scan comes out");
        assertEquals(fed - expectedOut, duplicates, "seed " + seed);
        for (Map.Entry<TerminalId, TreeSet<Long>> e : delivered.entrySet()) {
            TreeSet<Long> gaps = new TreeSet<>();
            ledger.gaps(e.getKey()).forEach(g -> {
                for (long s = g.first(); s <= g.last(); s++) {
                    gaps.add(s);
                }
            });
            assertEquals(missingBetween(e.getValue()), gaps, "seed " + seed + " " + e.getKey());
        }
    }

    private static Batch batch(TerminalId id, List<Long> sequences) {
        return batch(id, sequences.stream().mapToLong(Long::longValue).toArray());
    }

    /** The numbers between the lowest and highest of {@code present} that it lacks. */
    private static TreeSet<Long> missingBetween(TreeSet<Long> present) {
        TreeSet<Long> missing = new TreeSet<>();
        for (long s = present.first(); s <= present.last(); s++) {
            if (!present.contains(s)) {
                missing.add(s);
            }
        }
        return missing;
    }
}
