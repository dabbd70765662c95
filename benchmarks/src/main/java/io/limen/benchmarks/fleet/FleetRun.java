package io.limen.benchmarks.fleet;

import io.limen.config.BatchConfig;
import io.limen.config.UplinkConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One design through one scenario against its own fresh mosquitto: start the broker and the consumer,
 * connect the fleet, decide scans second by second (peaks as the scenario says), stop and start the
 * broker process for each outage, let the backlog drain, then account for every scan.
 */
final class FleetRun {

    /**
     * What one run measured.
     *
     * @param lost                 decided scans neither delivered nor still kept unsent by their terminal: must be 0
     * @param duplicatesAfterDedup scans the consumer passed on twice after de-duplication: must be 0
     * @param unsentAtEnd          scans still kept (durably, for Limen) to be sent later when the run ended
     * @param postOutagePeakAttempts the most connection attempts in one second from a broker restart to the end
     * @param reconnectSeconds     from the last broker restart until every terminal was connected again (-1: never)
     * @param threads              the JVM's threads once the fleet was connected (the fleet, the consumer and the tool)
     * @param throttle             how the fleet obeyed the scenario's throttle; null when it has none
     */
    record Result(Design design, Scenario scenario, List<FleetMeter.Second> seconds, long decided, long delivered, long lost,
                  long duplicatesAfterDedup, long duplicatesDropped, long unsentAtEnd, long consumerMessages, long consumerBytes,
                  long brokerMessages, long brokerBytes, long postOutagePeakAttempts, long reconnectSeconds, int threads,
                  long startupMillis, ThrottleProbe.Outcome throttle) {

        /** Scan messages the consumer received per 1,000 scans delivered. */
        double messagesPerThousandScans() {
            return delivered == 0 ? 0 : 1000.0 * consumerMessages / delivered;
        }
    }

    private FleetRun() {
    }

    static Result run(Design design, Scenario scenario, Path dir, PrintStream log) throws Exception {
        Files.createDirectories(dir);
        FleetMeter meter = new FleetMeter();
        int n = scenario.terminals();
        try (Broker broker = new Broker(dir.resolve("broker"))) {
            broker.start();
            FleetConsumer consumer = new FleetConsumer(broker.uri(), meter, n);
            consumer.start();
            consumer.recordArrivals();
            long t0 = System.nanoTime();
            ScheduledExecutorService executor = Executors.newScheduledThreadPool(2, r -> Thread.ofPlatform().daemon().name("fleet-sim").unstarted(r));
            List<SimTerminal> fleet = connect(design, scenario, broker.uri(), dir, meter, executor);
            long startup = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            int threads = ManagementFactory.getThreadMXBean().getThreadCount();
            log.printf("%s: %d terminals connected in %d ms; %d threads%n", design.label(), n, startup, threads);
            meter.baseline(); // what the start-up did is not part of second 1
            Clock clock = new Clock();
            ThrottleProbe[] probe = new ThrottleProbe[1];
            try {
                schedule(executor, fleet, scenario, design, clock);
                runTimeline(scenario, broker, meter, fleet, design, clock, log, probe);
                drain(scenario, meter, clock, fleet, design, log);
            } finally {
                clock.deciding = false;
                closeAll(fleet);
                executor.shutdownNow();
                executor.awaitTermination(10, TimeUnit.SECONDS);
            }
            Thread.sleep(2000); // what was acknowledged just before the close reaches the consumer
            meter.sample(clock.second() + 1, false);
            ThrottleProbe.Outcome throttle = probe[0] == null ? null
                    : probe[0].outcome(fleet, consumer.arrivals(), meter.seconds());
            if (throttle != null) {
                log.printf("%s: %s%n", design.label(), throttle.describe());
            }
            Result result = account(design, scenario, meter, consumer, fleet, startup, threads, throttle);
            consumer.close();
            return result;
        }
    }

    /** Seconds since the scenario began. */
    private static final class Clock {
        final long start = System.nanoTime();
        volatile boolean deciding = true;

        long second() {
            return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        }
    }

    private static List<SimTerminal> connect(Design design, Scenario s, String uri, Path dir, FleetMeter meter,
                                             ScheduledExecutorService executor)
            throws Exception {
        BatchConfig batch = new BatchConfig(s.batchMaxRecords(), Duration.ofSeconds(s.batchMaxAgeSeconds()), 2048);
        Path outboxes = Files.createDirectories(dir.resolve("outboxes"));
        // Built 32 at a time: a Paho connect waits for its CONNACK, and one after the other a thousand take minutes.
        List<Future<SimTerminal>> building = new ArrayList<>();
        ExecutorService builders = Executors.newFixedThreadPool(32);
        try {
            for (int i = 1; i <= s.terminals(); i++) {
                String id = String.format("t%04d", i);
                building.add(builders.submit(() -> switch (design) {
                    case LIMEN -> new LimenTerminal(id, new UplinkConfig(uri, id, "limen/sim/" + id, Duration.ofSeconds(10),
                            Duration.ofSeconds(10), Duration.ofMillis(s.backoffInitialMs()), Duration.ofMillis(s.backoffMaxMs()),
                            Duration.ofSeconds(30), Optional.empty(), Duration.ofSeconds(60), 1, UplinkConfig.DEFAULT_HEARTBEAT, batch),
                            outboxes, meter);
                    case PAHO_DEFAULT -> new PahoTerminal(PahoTerminal.Shape.BATCHED, id, uri, batch, meter, executor);
                    case PER_SCAN -> new PahoTerminal(PahoTerminal.Shape.PER_SCAN, id, uri, batch, meter, executor);
                }));
            }
        } finally {
            builders.shutdown();
        }
        List<SimTerminal> fleet = new ArrayList<>();
        for (Future<SimTerminal> f : building) {
            try {
                fleet.add(f.get());
            } catch (ExecutionException e) {
                throw new IOException(design.label() + ": a terminal could not start: " + e.getCause(), e.getCause());
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120 + s.terminals() / 10);
        while (meter.connections.get() < s.terminals()) {
            if (System.nanoTime() > deadline) {
                throw new IOException(design.label() + ": only " + meter.connections.get() + " of " + s.terminals()
                        + " terminals connected at the start");
            }
            Thread.sleep(50);
        }
        return fleet;
    }

    /** Each terminal decides once a second, staggered over the second; Paho designs also get their tick. */
    private static void schedule(ScheduledExecutorService executor, List<SimTerminal> fleet, Scenario s, Design design, Clock clock) {
        int n = fleet.size();
        for (int i = 0; i < n; i++) {
            SimTerminal t = fleet.get(i);
            SplittableRandom random = new SplittableRandom(i);
            long offsetMicros = 1_000_000L * i / n;
            executor.scheduleAtFixedRate(() -> {
                if (clock.deciding) {
                    int k = poisson(random, s.scansPerSecond() * s.factorAt(clock.second()));
                    if (k > 0) {
                        t.decide(k);
                    }
                }
            }, offsetMicros, 1_000_000, TimeUnit.MICROSECONDS);
            if (design != Design.LIMEN) {
                executor.scheduleAtFixedRate(t::tick, offsetMicros / 4, 250_000, TimeUnit.MICROSECONDS);
            }
        }
    }

    static int poisson(SplittableRandom random, double lambda) {
        if (lambda > 30) {
            return (int) Math.max(0, Math.round(lambda + Math.sqrt(lambda) * random.nextGaussian()));
        }
        double limit = Math.exp(-lambda);
        double p = random.nextDouble();
        int k = 0;
        while (p > limit) {
            p *= random.nextDouble();
            k++;
        }
        return k;
    }

    private static void runTimeline(Scenario s, Broker broker, FleetMeter meter, List<SimTerminal> fleet, Design design, Clock clock,
                                    PrintStream log, ThrottleProbe[] probe) throws Exception {
        boolean down = false;
        for (long t = 1; t <= s.seconds(); t++) {
            sleepUntil(clock, t);
            boolean shouldBeDown = s.brokerDownAt(t);
            sample(meter, fleet, design, t, down || shouldBeDown, log);
            for (Scenario.ThrottleEvent e : s.throttles()) {
                if (e.at() == t) {
                    probe[0] = ThrottleProbe.publish(broker.uri(), e, fleet);
                    log.printf("%s: t=%d s: throttle published (%.2f batches/min, min age %d s)%n", design.label(), t,
                            e.maxBatchesPerMinute(), e.minBatchAgeSeconds());
                }
            }
            if (shouldBeDown && !down) {
                log.printf("%s: t=%d s: broker stopped%n", design.label(), t);
                broker.stop();
                down = true;
            } else if (!shouldBeDown && down) {
                broker.start();
                log.printf("%s: t=%d s: broker started%n", design.label(), clock.second());
                down = false;
            }
        }
        clock.deciding = false;
    }

    private static void drain(Scenario s, FleetMeter meter, Clock clock, List<SimTerminal> fleet, Design design, PrintStream log)
            throws InterruptedException {
        for (long t = s.seconds() + 1; t <= s.seconds() + s.drainSeconds(); t++) {
            sleepUntil(clock, t);
            sample(meter, fleet, design, t, false, log);
            if (meter.delivered.get() >= meter.decided.get()) {
                log.printf("%s: t=%d s: every decided scan delivered%n", design.label(), t);
                return;
            }
        }
    }

    private static void sample(FleetMeter meter, List<SimTerminal> fleet, Design design, long t, boolean down, PrintStream log) {
        if (design == Design.LIMEN) {
            fleet.forEach(SimTerminal::tick); // fold the pumps' acknowledged counts
        }
        FleetMeter.Second s = meter.sample(t, down);
        if (t % 10 == 0) {
            log.printf("%s: t=%d s: attempts %d/s, scan messages %d/s, decided %d/s, delivered %d/s, outbox depth %d%n", design.label(),
                    t, s.attempts(), s.consumerMessages(), s.decided(), s.delivered(), s.outboxDepth());
        }
    }

    private static void sleepUntil(Clock clock, long second) throws InterruptedException {
        long wait = clock.start + TimeUnit.SECONDS.toNanos(second) - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private static void closeAll(List<SimTerminal> fleet) throws InterruptedException {
        List<Thread> closers = new ArrayList<>();
        for (SimTerminal t : fleet) {
            closers.add(Thread.ofVirtual().start(t::close));
        }
        for (Thread c : closers) {
            c.join();
        }
    }

    private static Result account(Design design, Scenario s, FleetMeter meter, FleetConsumer consumer, List<SimTerminal> fleet,
                                  long startup, int threads, ThrottleProbe.Outcome throttle) {
        long decided = 0;
        long lost = 0;
        long unsent = 0;
        for (SimTerminal t : fleet) {
            BitSet kept = t.unsent();
            if (t instanceof LimenTerminal limen) {
                limen.closeOutbox();
            }
            unsent += kept.cardinality();
            BitSet covered = (BitSet) consumer.delivered(t.prefix()).clone();
            covered.or(kept);
            long d = t.decided();
            decided += d;
            lost += d - covered.get(1, (int) d + 1).cardinality();
        }
        List<FleetMeter.Second> seconds = meter.seconds();
        long lastRestart = s.outages().stream().mapToLong(o -> o.at() + o.seconds()).max().orElse(-1);
        long peak = 0;
        long reconnect = -1;
        if (lastRestart >= 0) {
            long connectionsSince = 0;
            for (FleetMeter.Second sec : seconds) {
                if (sec.t() > lastRestart) {
                    peak = Math.max(peak, sec.attempts());
                    connectionsSince += sec.connections();
                    if (reconnect < 0 && connectionsSince >= s.terminals()) {
                        reconnect = sec.t() - lastRestart;
                    }
                }
            }
        }
        long consumerMessages = seconds.stream().mapToLong(FleetMeter.Second::consumerMessages).sum();
        long consumerBytes = seconds.stream().mapToLong(FleetMeter.Second::consumerBytes).sum();
        long brokerMessages = seconds.stream().mapToLong(FleetMeter.Second::brokerMessages).sum();
        long brokerBytes = seconds.stream().mapToLong(FleetMeter.Second::brokerBytes).sum();
        return new Result(design, s, seconds, decided, meter.delivered.get(), lost, consumer.duplicatesAfterDedup(),
                meter.duplicatesDropped.get(), unsent, consumerMessages, consumerBytes, brokerMessages, brokerBytes, peak, reconnect,
                threads, startup, throttle);
    }
}
