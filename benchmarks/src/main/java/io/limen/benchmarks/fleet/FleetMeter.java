package io.limen.benchmarks.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The run's counters, all cumulative since the start, and one {@link Second} per second of deltas taken
 * by {@link #sample}. Terminals count what they do (attempts, connections, decisions, acknowledgements);
 * the consumer counts what arrives; the broker's own {@code $SYS} counters are folded in as deltas.
 */
public final class FleetMeter {

    /** TCP connects begun (the broker may be down): every attempt, successful or not. */
    public final AtomicLong attempts = new AtomicLong();
    /** Connections that got a successful CONNACK. */
    public final AtomicLong connections = new AtomicLong();
    /** Scans decided by all terminals. */
    public final AtomicLong decided = new AtomicLong();
    /** Scans whose message a terminal saw acknowledged (left its outbox). */
    public final AtomicLong acknowledged = new AtomicLong();
    /** Scan messages (batches or single scans) received by the consumer, duplicates included. */
    public final AtomicLong consumerMessages = new AtomicLong();
    /** Their payload bytes. */
    public final AtomicLong consumerBytes = new AtomicLong();
    /** Scans new to the consumer after de-duplication by (terminal, sequence). */
    public final AtomicLong delivered = new AtomicLong();
    /** Scans the consumer had already (sent again after a lost PUBACK), dropped by de-duplication. */
    public final AtomicLong duplicatesDropped = new AtomicLong();
    /** PUBLISH packets the broker received, from {@code $SYS/broker/publish/messages/received} (all topics). */
    public final AtomicLong brokerMessages = new AtomicLong();
    /** Bytes the broker received, from {@code $SYS/broker/bytes/received} (all packets). */
    public final AtomicLong brokerBytes = new AtomicLong();

    private final List<Second> seconds = new ArrayList<>();
    private long[] last = new long[10];

    /**
     * One second of the run: what happened in it, and the outbox depth at its end.
     *
     * @param t              seconds since the start (the end of this second)
     * @param brokerDown     whether the scenario had the broker stopped during it
     * @param outboxDepth    scans decided and not yet acknowledged, over the fleet, at its end
     */
    public record Second(long t, boolean brokerDown, long attempts, long connections, long consumerMessages, long consumerBytes,
                         long brokerMessages, long brokerBytes, long decided, long delivered, long duplicatesDropped, long outboxDepth) {
    }

    /** Starts counting deltas from now: what happened before (the fleet's start-up) is in no second. */
    public synchronized void baseline() {
        last = new long[] {attempts.get(), connections.get(), consumerMessages.get(), consumerBytes.get(), brokerMessages.get(),
                brokerBytes.get(), decided.get(), delivered.get(), duplicatesDropped.get(), acknowledged.get()};
    }

    /** Takes the deltas since the last call as second {@code t}. Called once a second by one thread. */
    public synchronized Second sample(long t, boolean brokerDown) {
        long[] now = {attempts.get(), connections.get(), consumerMessages.get(), consumerBytes.get(), brokerMessages.get(),
                brokerBytes.get(), decided.get(), delivered.get(), duplicatesDropped.get(), acknowledged.get()};
        long[] d = new long[now.length];
        for (int i = 0; i < now.length; i++) {
            d[i] = now[i] - last[i];
        }
        last = now;
        Second s = new Second(t, brokerDown, d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], now[6] - now[9]);
        seconds.add(s);
        return s;
    }

    public synchronized List<Second> seconds() {
        return List.copyOf(seconds);
    }
}
