package io.limen.benchmarks.fleet;

import io.limen.agent.scanlog.ScanEntry;
import io.limen.format.Reason;
import java.time.Instant;
import java.util.BitSet;
import java.util.Optional;

/** One simulated terminal of a design under test: it decides scans (no camera) and sends them its design's way. */
interface SimTerminal extends AutoCloseable {

    /** Its topic prefix, {@code limen/SITE/ID}. */
    String prefix();

    /** Decides {@code n} scans now (on the fleet's decision thread; never waits for the network). */
    void decide(int n);

    /** Periodic work of designs that have no thread of their own (every 250 ms on a shared scheduler). */
    default void tick() {
    }

    /** Scans decided so far; their sequence numbers are 1..decided(). */
    long decided();

    /** Sequences decided and not yet acknowledged, kept to be sent later (read after {@link #close}). */
    BitSet unsent();

    @Override
    void close();

    /** A decision as the scan log records it: a grant (every fifth a refusal) with every field. */
    static ScanEntry entry(long i, Instant at) {
        return new ScanEntry(at, i % 5 == 0 ? Reason.EXPIRED : Reason.OK, Optional.of(String.format("%032x", i)),
                Optional.of("https://issuer.example"), Optional.of("holder-" + i), Optional.of("lobby"),
                new ScanEntry.StageMicros(1200, 80, 3, 1400));
    }
}
