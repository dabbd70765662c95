package io.limen.benchmarks.fleet;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * A run's throttle event: the centre publishes its retained throttle on {@code limen/throttle}, and this
 * measures how fast the fleet obeys it, on both sides:
 * <ul>
 *   <li>at the terminals: from the publish until each terminal's pump holds the throttle (polled every
 *       10 ms; only Limen's terminals read throttles);</li>
 *   <li>at the consumer, per terminal: its rate is under the limit from the arrival of the last of its
 *       batches that came sooner than {@code 60 s / maxBatchesPerMinute} (less 1 s of delivery jitter)
 *       after the one before; 0 when none did after the publish;</li>
 *   <li>at the consumer, fleet-wide: the first second after the publish with at most
 *       {@code terminals × maxBatchesPerMinute / 60} scan messages, and the highest average over 10 s
 *       (whole windows after the publish) to the end of the run: a fleet at its limit
 *       sits on it, so this says whether it stays at or under it.</li>
 * </ul>
 * The goal (issue 9): under the limit within one heartbeat (60 s by default).
 */
final class ThrottleProbe {

    /** Arrival gaps this much shorter than the throttle's interval still count as obeying it: delivery jitter. */
    static final long TOLERANCE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** The fleet-wide rate is averaged over this many seconds. */
    static final int FLEET_WINDOW_S = 10;

    /**
     * @param heldWithinMs         per terminal that held the throttle, the ms from the publish until it did, sorted
     * @param underLimitAfterS     per terminal, seconds from the publish until its batches came no closer than the interval, sorted
     * @param fleetUnderLimitAfterS seconds from the publish to the first second with the fleet under the limit; -1: none
     * @param fleetMaxAverage       the most scan messages a second over 10 s from the publish to the end of the run
     */
    record Outcome(Scenario.ThrottleEvent event, int terminals, double fleetLimitPerSecond, List<Long> heldWithinMs,
                   List<Double> underLimitAfterS, long fleetUnderLimitAfterS, double fleetMaxAverage) {

        long terminalsUnderWithin(double seconds) {
            return underLimitAfterS.stream().filter(s -> s <= seconds).count();
        }

        String describe() {
            String held = heldWithinMs.isEmpty() ? "no terminal reads throttles"
                    : String.format(Locale.ROOT, "%d of %d terminals held it, median %d ms, max %d ms after the publish",
                    heldWithinMs.size(), terminals, heldWithinMs.get(heldWithinMs.size() / 2), heldWithinMs.getLast());
            return String.format(Locale.ROOT, "throttle at %d s (%.2f batches/min per terminal, min age %d s; fleet limit %.2f messages/s): %s;"
                            + " per terminal under the limit within 60 s: %d of %d (median %.1f s, max %.1f s);"
                            + " fleet under the limit after %s, its highest %d-s average after the publish %.2f/s",
                    event.at(), event.maxBatchesPerMinute(), event.minBatchAgeSeconds(), fleetLimitPerSecond, held,
                    terminalsUnderWithin(60), terminals, underLimitAfterS.get(underLimitAfterS.size() / 2), underLimitAfterS.getLast(),
                    fleetUnderLimitAfterS < 0 ? "never" : fleetUnderLimitAfterS + " s", FLEET_WINDOW_S, fleetMaxAverage);
        }
    }

    private final Scenario.ThrottleEvent event;
    private final long publishedNanos;
    private final List<Long> heldWithinMs = Collections.synchronizedList(new ArrayList<>());
    private final Thread watcher;

    private ThrottleProbe(Scenario.ThrottleEvent event, long publishedNanos, List<SimTerminal> fleet) {
        this.event = event;
        this.publishedNanos = publishedNanos;
        List<LimenTerminal> limen = fleet.stream().filter(LimenTerminal.class::isInstance).map(LimenTerminal.class::cast).toList();
        this.watcher = Thread.ofPlatform().daemon().name("throttle-watch").start(() -> watch(limen));
    }

    /** Publishes the throttle (retained, QoS 1, issued now) as the centre does, and starts watching the terminals take it. */
    static ThrottleProbe publish(String brokerUri, Scenario.ThrottleEvent event, List<SimTerminal> fleet) throws MqttException {
        String json = String.format(Locale.ROOT, "{\"version\":1,\"maxBatchesPerMinute\":%s,\"minBatchAgeSeconds\":%d,\"issuedAt\":\"%s\"}",
                event.maxBatchesPerMinute(), event.minBatchAgeSeconds(), Instant.now());
        MqttAsyncClient centre = new MqttAsyncClient(brokerUri, "fleet-centre", new MemoryPersistence());
        try {
            centre.connect(new MqttConnectionOptions()).waitForCompletion(10_000);
            long published = System.nanoTime();
            centre.publish("limen/throttle", new MqttMessage(json.getBytes(StandardCharsets.UTF_8), 1, true, null)).waitForCompletion(10_000);
            centre.disconnect().waitForCompletion(10_000);
            return new ThrottleProbe(event, published, fleet);
        } finally {
            centre.close(true);
        }
    }

    private void watch(List<LimenTerminal> fleet) {
        List<LimenTerminal> waiting = new ArrayList<>(fleet);
        long deadline = publishedNanos + TimeUnit.SECONDS.toNanos(120);
        while (!waiting.isEmpty() && System.nanoTime() < deadline) {
            for (var it = waiting.iterator(); it.hasNext(); ) {
                if (it.next().throttled()) {
                    heldWithinMs.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - publishedNanos));
                    it.remove();
                }
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * @param arrivals      each terminal's scan-message arrival times at the consumer (System.nanoTime), by prefix
     * @param seconds       the run's seconds
     */
    Outcome outcome(List<SimTerminal> fleet, Map<String, List<Long>> arrivals, List<FleetMeter.Second> seconds) {
        watcher.interrupt();
        long interval = (long) (60e9 / event.maxBatchesPerMinute());
        List<Double> under = new ArrayList<>();
        for (SimTerminal t : fleet) {
            List<Long> times;
            synchronized (arrivals.getOrDefault(t.prefix(), List.of())) {
                times = new ArrayList<>(arrivals.getOrDefault(t.prefix(), List.of()));
            }
            Collections.sort(times);
            long last = publishedNanos;
            for (int i = 1; i < times.size(); i++) {
                if (times.get(i) > publishedNanos && times.get(i) - times.get(i - 1) < interval - TOLERANCE_NANOS) {
                    last = times.get(i);
                }
            }
            under.add((last - publishedNanos) / 1e9);
        }
        Collections.sort(under);
        double limit = event.fleetLimitPerSecond(fleet.size());
        long fleetUnder = -1;
        double maxAverage = 0;
        for (FleetMeter.Second s : seconds) {
            if (s.t() <= event.at()) {
                continue;
            }
            if (fleetUnder < 0 && s.consumerMessages() <= limit) {
                fleetUnder = s.t() - event.at();
            }
            if (s.t() - event.at() >= FLEET_WINDOW_S) {
                maxAverage = Math.max(maxAverage, fleetAverage(seconds, s.t()));
            }
        }
        List<Long> held;
        synchronized (heldWithinMs) {
            held = new ArrayList<>(heldWithinMs);
        }
        Collections.sort(held);
        return new Outcome(event, fleet.size(), limit, held, under, fleetUnder, maxAverage);
    }

    /** Scan messages a second over the {@link #FLEET_WINDOW_S} seconds up to {@code t}. */
    private double fleetAverage(List<FleetMeter.Second> seconds, long t) {
        long from = t - FLEET_WINDOW_S + 1;
        return seconds.stream().filter(s -> s.t() >= from && s.t() <= t).mapToLong(FleetMeter.Second::consumerMessages).average().orElse(0);
    }
}
