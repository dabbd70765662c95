package io.limen.agent.uplink.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.agent.scanlog.ScanEntry;
import io.limen.agent.scanlog.ScanRecord;
import io.limen.config.BatchConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Batches close at maxRecords or once the oldest record has waited maxAge, whichever first; time is stepped, never slept. */
class BatchBuilderTest {

    private static final Instant NOW = Instant.parse("2026-11-30T14:00:00Z");

    private static BatchBuilder builder(int maxRecords, Duration maxAge) {
        return new BatchBuilder(new BatchConfig(maxRecords, maxAge, 2_048), "door-3", "site-1", Scans.ids(1));
    }

    @Test
    void closesByCount_atExactlyMaxRecords() {
        BatchBuilder builder = builder(3, Duration.ofMinutes(5));
        assertEquals(Optional.empty(), builder.add(Scans.record(1), NOW));
        assertEquals(Optional.empty(), builder.add(Scans.record(2), NOW));
        BatchDocument batch = builder.add(Scans.record(3), NOW).orElseThrow();
        assertEquals(List.of(1L, 2L, 3L), batch.records().stream().map(BatchRecord::sequence).toList());
        assertEquals(1, batch.firstSequence());
        assertEquals(3, batch.lastSequence());
        assertEquals("door-3", batch.terminal());
        assertEquals("site-1", batch.site());
        assertEquals(NOW.toString(), batch.createdAt());
        assertEquals(0, builder.size());
        assertEquals(Optional.empty(), builder.closesAt());
        assertEquals(Optional.empty(), builder.poll(NOW.plus(Duration.ofHours(1))));
    }

    @Test
    void closesByAge_notOneMillisecondBeforeMaxAgeOfTheOldest_andAtIt() {
        BatchBuilder builder = builder(100, Duration.ofSeconds(60));
        builder.add(Scans.record(1), NOW);
        builder.add(Scans.record(2), NOW.plusSeconds(50)); // a younger record does not move the deadline
        assertEquals(Optional.of(NOW.plusSeconds(60)), builder.closesAt());
        assertEquals(Optional.empty(), builder.poll(NOW.plusSeconds(60).minusMillis(1)));
        BatchDocument batch = builder.poll(NOW.plusSeconds(60)).orElseThrow();
        assertEquals(List.of(1L, 2L), batch.records().stream().map(BatchRecord::sequence).toList());
        assertEquals(NOW.plusSeconds(60).toString(), batch.createdAt());
        // The next batch's age counts from its own first record (decided as it joins).
        builder.add(decided(3, NOW.plusSeconds(70)), NOW.plusSeconds(70));
        assertEquals(Optional.empty(), builder.poll(NOW.plusSeconds(129)));
        assertEquals(1, builder.poll(NOW.plusSeconds(130)).orElseThrow().records().size());
    }

    /** A row decided at {@code decidedAt} (the wall clock then). */
    private static ScanRecord decided(long sequence, Instant decidedAt) {
        ScanRecord r = Scans.record(sequence);
        return new ScanRecord(sequence, new ScanEntry(decidedAt, r.scan().reason(), r.scan().credentialId(), r.scan().issuer(),
                r.scan().subject(), r.scan().zone(), r.scan().latencies()), Optional.empty());
    }

    /** The bug of issue 9: after a reconnect the last partial batch waited a whole maxAge again, its rows long overdue. */
    @Test
    void ageCountsFromTheOldestRowsDecision_soRowsThatWaitedOutAnOutageCloseAtOnce() {
        BatchBuilder builder = builder(500, Duration.ofSeconds(60));
        Instant reconnect = NOW.plusSeconds(130);
        // Decided during the outage (wall clock = uplink clock here), read only after the reconnect.
        builder.add(decided(1, NOW.plusSeconds(70)), reconnect, reconnect);
        builder.add(decided(2, NOW.plusSeconds(100)), reconnect, reconnect);
        assertEquals(Optional.of(NOW.plusSeconds(70)), builder.oldest());
        assertEquals(Optional.of(NOW.plusSeconds(130)), builder.closesAt(), "60 s after the oldest decision, not after the reconnect");
        assertEquals(2, builder.poll(reconnect).orElseThrow().records().size());

        // Decided 20 s before it was read: closes 40 s after the read, not 60 s.
        builder.add(decided(3, reconnect.minusSeconds(20)), reconnect, reconnect);
        assertEquals(Optional.empty(), builder.poll(reconnect.plusSeconds(40).minusMillis(1)));
        assertEquals(1, builder.poll(reconnect.plusSeconds(40)).orElseThrow().records().size());
    }

    @Test
    void theWaitBeforeJoining_isReadOnTheWallClock_andTheAgeRunsOnTheUplinksClock() {
        BatchBuilder builder = builder(500, Duration.ofSeconds(60));
        Instant wall = Instant.parse("2026-11-30T09:00:00Z"); // the wall clock differs from the uplink's clock by hours
        builder.add(decided(1, wall.minusSeconds(45)), NOW, wall);
        assertEquals(Optional.of(NOW.minusSeconds(45)), builder.oldest(), "waited 45 s by the clock that stamped it");
        assertEquals(Optional.of(NOW.plusSeconds(15)), builder.closesAt());
    }

    @Test
    void aDecisionAheadOfTheWallClock_countsFromTheJoin_soABatchNeverWaitsLongerThanMaxAge() {
        BatchBuilder builder = builder(500, Duration.ofSeconds(60));
        // The wall clock was stepped back an hour after this decision: it looks decided in the future.
        builder.add(decided(1, NOW.plus(Duration.ofHours(1))), NOW, NOW);
        assertEquals(Optional.of(NOW.plusSeconds(60)), builder.closesAt());
        // A younger row that waited longer (decided before the step) makes the batch older, never younger.
        builder.add(decided(2, NOW.minusSeconds(10)), NOW.plusSeconds(5), NOW.plusSeconds(5));
        assertEquals(Optional.of(NOW.minusSeconds(10)), builder.oldest());
        assertEquals(Optional.of(NOW.plusSeconds(50)), builder.closesAt());
    }

    @Test
    void whicheverComesFirst_countBeforeAge() {
        BatchBuilder builder = builder(2, Duration.ofSeconds(60));
        builder.add(Scans.record(1), NOW);
        assertTrue(builder.add(Scans.record(2), NOW.plusSeconds(59)).isPresent());
        assertEquals(Optional.empty(), builder.poll(NOW.plusSeconds(60)));
    }

    @Test
    void anEmptyBuilder_neverCloses() {
        assertEquals(Optional.empty(), builder(1, Duration.ofSeconds(1)).poll(NOW.plus(Duration.ofDays(1))));
    }

    @Test
    void aGapInTheOutbox_isCarried_asTheRangeAndTheMissingCount() {
        BatchBuilder builder = builder(3, Duration.ofMinutes(5));
        builder.add(Scans.record(10), NOW);
        builder.add(Scans.record(11), NOW);
        BatchDocument batch = builder.add(Scans.record(14), NOW).orElseThrow();
        assertEquals(10, batch.firstSequence());
        assertEquals(14, batch.lastSequence());
        assertEquals(2, batch.missing());
    }

    @Test
    void aRecordOutOfSequenceOrder_isRefused() {
        BatchBuilder builder = builder(10, Duration.ofMinutes(5));
        builder.add(Scans.record(5), NOW);
        assertEquals("records must be added in increasing sequence order, but 5 followed 5",
                assertThrows(IllegalArgumentException.class, () -> builder.add(Scans.record(5), NOW)).getMessage());
        assertEquals(1, builder.size());
    }

    /** The arithmetic of docs/telemetry.md, "Messages per 1,000 scans", run through the builder. */
    @Test
    void defaults_oneScanEvery2s_make7MessagesPer1000Scans_andABurst2() {
        assertEquals(7, messagesFor1000Scans(BatchConfig.DEFAULTS, Duration.ofSeconds(2)));
        assertEquals(2, messagesFor1000Scans(BatchConfig.DEFAULTS, Duration.ZERO));
        // Too short an age misses the goal of <= 10: 60 s at one scan per 2 s is 30 scans a message.
        assertEquals(34, messagesFor1000Scans(new BatchConfig(500, Duration.ofSeconds(60), 2_048), Duration.ofSeconds(2)));
    }

    private static int messagesFor1000Scans(BatchConfig config, Duration pace) {
        BatchBuilder builder = new BatchBuilder(config, "door-3", "site-1", Scans.ids(2));
        List<BatchDocument> sent = new ArrayList<>();
        Instant now = NOW;
        for (long sequence = 1; sequence <= 1_000; sequence++) {
            builder.poll(now).ifPresent(sent::add);
            builder.add(Scans.record(sequence), now).ifPresent(sent::add);
            now = now.plus(pace);
        }
        builder.poll(builder.closesAt().orElse(now)).ifPresent(sent::add);
        assertEquals(1_000, sent.stream().mapToInt(b -> b.records().size()).sum());
        return sent.size();
    }
}
