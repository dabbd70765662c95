package io.limen.agent.uplink.batch;

import io.limen.agent.scanlog.ScanEntry;
import io.limen.agent.scanlog.ScanRecord;
import io.limen.config.Direction;
import io.limen.format.Reason;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

/** Outbox rows as the scan log writes them: grants with a verified credential, and refusals of each kind. */
final class Scans {

    static final Instant T0 = Instant.parse("2026-11-30T14:00:00.123Z");

    private Scans() {
    }

    /**
     * Row {@code sequence}: every 11th a gate event with its direction, every 7th a refusal before the signature
     * (no cti), every 5th an expired credential, else a grant.
     */
    static ScanRecord record(long sequence, Random random) {
        Instant decidedAt = T0.plusMillis(sequence * 2_000 + random.nextInt(1_000));
        ScanEntry.StageMicros micros = new ScanEntry.StageMicros(800 + random.nextInt(4_000), 150 + random.nextInt(300),
                5 + random.nextInt(40), 20_000 + random.nextInt(60_000));
        if (sequence % 11 == 0) {
            // A gate event: a passage through one of the rotation sensors, or a forced turn.
            Direction direction = random.nextBoolean() ? Direction.ENTRY : Direction.EXIT;
            Reason kind = sequence % 3 == 0 ? Reason.FORCED : Reason.PASSED;
            return new ScanRecord(sequence, new ScanEntry(decidedAt, kind, Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.of("lobby"), new ScanEntry.StageMicros(0, 0, 0, 0), Optional.of(direction)), Optional.empty());
        }
        if (sequence % 7 == 0) {
            return new ScanRecord(sequence, new ScanEntry(decidedAt, Reason.BAD_SIGNATURE, Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.of("lobby"), micros), Optional.empty());
        }
        byte[] cti = new byte[16];
        random.nextBytes(cti);
        String subject = "holder-" + HexFormat.of().formatHex(cti, 0, 6);
        Reason reason = sequence % 5 == 0 ? Reason.EXPIRED : Reason.OK;
        return new ScanRecord(sequence, new ScanEntry(decidedAt, reason, Optional.of(HexFormat.of().formatHex(cti)),
                Optional.of("acme-badges"), Optional.of(subject), Optional.of("lobby"), micros), Optional.empty());
    }

    static ScanRecord record(long sequence) {
        return record(sequence, new Random(sequence));
    }

    /** Batch ids from a seeded generator, so a failing run can be repeated. */
    static Supplier<UUID> ids(long seed) {
        Random random = new Random(seed);
        return () -> new UUID((random.nextLong() & ~0xF000L) | 0x4000L, (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
    }
}
