package io.limen.provisioning.telemetry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the consumer knows of each terminal's scan stream: de-duplicates by (terminal, sequence) and
 * tracks gaps, with no MQTT in it. A terminal's <em>gaps</em> are the sequence numbers between the lowest
 * and the highest it has delivered that have not arrived: QoS 1 and the terminal's retries deliver some
 * batches twice, in other boundaries, and in any order, so a gap may be filled later, and
 * {@link #admit} says when. Where a terminal's numbering starts is not known (the consumer may have
 * started later), so nothing below the lowest number seen is a gap.
 *
 * <p>Memory: one range per terminal plus one per open gap. At most {@code maxTerminals} terminals are
 * kept; a batch of one more is {@link Refused} ({@link RefusalReason#TOO_MANY_TERMINALS}). Not
 * thread-safe: one thread admits (the consumer serialises).
 */
public final class FleetLedger {

    /** What became of one batch. */
    public sealed interface Result permits Admitted, Refused {
    }

    /**
     * A batch taken in.
     *
     * @param terminal    whose batch it was
     * @param fresh       its scans not seen before, in sequence order: these are written out, each exactly once
     * @param duplicates  how many of its scans had been seen (dropped)
     * @param gapsOpened  runs of numbers now known to be missing (beyond the terminal's former lowest or highest)
     * @param gapsFilled  runs of formerly missing numbers that this batch delivered
     * @param missing     how many numbers of this terminal are missing after it
     */
    public record Admitted(TerminalId terminal, List<Scan> fresh, int duplicates, List<SequenceRange> gapsOpened,
                           List<SequenceRange> gapsFilled, long missing) implements Result {
        public Admitted {
            fresh = List.copyOf(fresh);
            gapsOpened = List.copyOf(gapsOpened);
            gapsFilled = List.copyOf(gapsFilled);
        }
    }

    /**
     * One terminal as the ledger sees it.
     *
     * @param terminal     the terminal
     * @param lastSeen     when its latest batch arrived (the consumer's clock)
     * @param lastSequence the highest sequence number delivered
     * @param scans        scans delivered, duplicates not counted
     * @param duplicates   scans dropped as seen before
     * @param gaps         runs of missing numbers between its lowest and highest
     * @param missing      numbers missing in those runs
     */
    public record TerminalSummary(TerminalId terminal, Instant lastSeen, long lastSequence, long scans, long duplicates,
                                  int gaps, long missing) {
    }

    private static final class Stream {
        final SequenceSet seen = new SequenceSet();
        long duplicates;
        Instant lastSeen;
    }

    private final int maxTerminals;
    private final Map<TerminalId, Stream> streams = new TreeMap<>();

    /** @param maxTerminals how many terminals to keep track of, ≥ 1 */
    public FleetLedger(int maxTerminals) {
        if (maxTerminals < 1) {
            throw new IllegalArgumentException("maxTerminals must be >= 1, but was " + maxTerminals);
        }
        this.maxTerminals = maxTerminals;
    }

    /** Takes in one decoded batch that arrived at {@code receivedAt}. */
    public Result admit(Batch batch, Instant receivedAt) {
        Objects.requireNonNull(batch, "batch must not be null");
        Objects.requireNonNull(receivedAt, "receivedAt must not be null");
        Stream stream = streams.get(batch.terminal());
        if (stream == null) {
            if (streams.size() >= maxTerminals) {
                return new Refused(RefusalReason.TOO_MANY_TERMINALS, "a batch of " + batch.terminal()
                        + ", a new terminal, but the consumer keeps track of " + maxTerminals + " already");
            }
            stream = new Stream();
            streams.put(batch.terminal(), stream);
        }
        SequenceSet seen = stream.seen;
        boolean wasEmpty = seen.isEmpty();
        long oldMin = wasEmpty ? 0 : seen.min();
        long oldMax = wasEmpty ? 0 : seen.max();

        List<Scan> fresh = new ArrayList<>();
        List<SequenceRange> filled = new ArrayList<>();
        int duplicates = 0;
        for (Scan scan : batch.scans()) {
            long s = scan.sequence();
            if (!seen.add(s)) {
                duplicates++;
                continue;
            }
            fresh.add(scan);
            if (!wasEmpty && s > oldMin && s < oldMax) {
                extend(filled, s); // a number inside the former span that was not there: a gap filled
            }
        }
        // New gaps can only lie outside the former span, among this batch's own numbers: cheap to find.
        List<SequenceRange> opened = new ArrayList<>();
        if (wasEmpty) {
            opened.addAll(seen.holes(seen.min(), seen.max()));
        } else {
            if (seen.min() < oldMin) {
                opened.addAll(seen.holes(seen.min(), oldMin - 1));
            }
            if (seen.max() > oldMax) {
                opened.addAll(seen.holes(oldMax + 1, seen.max()));
            }
        }
        stream.duplicates += duplicates;
        stream.lastSeen = receivedAt;
        return new Admitted(batch.terminal(), fresh, duplicates, opened, filled, seen.missing());
    }

    /** Appends {@code s} to the last range if it follows it, else as a range of its own (numbers come in order). */
    private static void extend(List<SequenceRange> ranges, long s) {
        if (!ranges.isEmpty() && ranges.getLast().last() == s - 1) {
            ranges.set(ranges.size() - 1, new SequenceRange(ranges.getLast().first(), s));
        } else {
            ranges.add(new SequenceRange(s, s));
        }
    }

    /** The gaps of one terminal now, in order; empty for a terminal never seen. */
    public List<SequenceRange> gaps(TerminalId terminal) {
        Stream stream = streams.get(terminal);
        return stream == null ? List.of() : stream.seen.holes();
    }

    /** Every terminal seen, ordered by site then terminal. */
    public List<TerminalSummary> terminals() {
        List<TerminalSummary> list = new ArrayList<>(streams.size());
        streams.forEach((id, s) -> list.add(new TerminalSummary(id, s.lastSeen, s.seen.max(), s.seen.size(),
                s.duplicates, s.seen.gaps(), s.seen.missing())));
        return list;
    }
}
