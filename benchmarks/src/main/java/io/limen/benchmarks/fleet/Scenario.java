package io.limen.benchmarks.fleet;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What happens when in a fleet run (a JSON file, docs/surge.md). Times are seconds from the start of the
 * run; the run decides scans from 0 to {@code seconds}, then waits up to {@code drainSeconds} for what is
 * still unsent.
 *
 * @param terminals          simulated terminals, 1..5000
 * @param seconds            how long scans are decided, 5..3600
 * @param drainSeconds       how long the run waits after the last decision for the backlog, 0..900
 * @param scansPerSecond     each terminal's average decision rate outside a peak, per second (0, 100]
 * @param batchMaxRecords    the uplink's batch size cap (uplink.batch.maxRecords)
 * @param batchMaxAgeSeconds the uplink's batch age cap (uplink.batch.maxAge)
 * @param backoffInitialMs   the first reconnect wait's ceiling (uplink.backoffInitial)
 * @param backoffMaxMs       the cap of every reconnect wait (uplink.backoffMax): the jitter window
 * @param peaks              spans where the rate is multiplied
 * @param outages            spans where the broker process is stopped
 * @param throttles          moments the centre publishes a retained throttle (docs/telemetry.md, "Throttle")
 */
public record Scenario(int terminals, int seconds, int drainSeconds, double scansPerSecond, int batchMaxRecords,
                       int batchMaxAgeSeconds, int backoffInitialMs, int backoffMaxMs, List<Peak> peaks, List<Outage> outages,
                       List<ThrottleEvent> throttles) {

    /** From {@code at} for {@code seconds}, every terminal decides {@code factor} times its average rate. */
    public record Peak(int at, int seconds, double factor) {
        public Peak {
            if (at < 0 || seconds <= 0 || factor <= 0 || factor > 1000) {
                throw new IllegalArgumentException("peak needs at >= 0, seconds > 0 and factor in (0, 1000], but was at="
                        + at + " seconds=" + seconds + " factor=" + factor);
            }
        }
    }

    /** From {@code at} for {@code seconds}, the broker process is stopped (SIGTERM), then started again. */
    public record Outage(int at, int seconds) {
        public Outage {
            if (at < 1 || seconds <= 0) {
                throw new IllegalArgumentException("outage needs at >= 1 and seconds > 0, but was at=" + at + " seconds=" + seconds);
            }
        }
    }

    /**
     * At {@code at} the centre publishes a retained throttle on {@code limen/throttle}; it stays in force to the end.
     *
     * @param maxBatchesPerMinute per terminal, as the throttle message says it (0.1..60)
     * @param minBatchAgeSeconds  as the throttle message says it (0..3600)
     */
    public record ThrottleEvent(int at, double maxBatchesPerMinute, int minBatchAgeSeconds) {
        public ThrottleEvent {
            if (at < 1 || !(maxBatchesPerMinute >= 0.1 && maxBatchesPerMinute <= 60) || minBatchAgeSeconds < 0 || minBatchAgeSeconds > 3600) {
                throw new IllegalArgumentException("throttle needs at >= 1, maxBatchesPerMinute in [0.1, 60] and minBatchAgeSeconds in"
                        + " [0, 3600], but was at=" + at + " maxBatchesPerMinute=" + maxBatchesPerMinute + " minBatchAgeSeconds="
                        + minBatchAgeSeconds);
            }
        }

        /** The fleet's limit under this throttle: {@code terminals × maxBatchesPerMinute / 60} messages a second. */
        public double fleetLimitPerSecond(int terminals) {
            return terminals * maxBatchesPerMinute / 60;
        }
    }

    public Scenario {
        check("terminals", terminals, 1, 5000);
        check("seconds", seconds, 5, 3600);
        check("drainSeconds", drainSeconds, 0, 900);
        check("batchMaxRecords", batchMaxRecords, 1, 5000);
        check("batchMaxAgeSeconds", batchMaxAgeSeconds, 1, 3600);
        check("backoffInitialMs", backoffInitialMs, 10, 60_000);
        check("backoffMaxMs", backoffMaxMs, backoffInitialMs, 600_000);
        if (!(scansPerSecond > 0 && scansPerSecond <= 100)) {
            throw new IllegalArgumentException("scansPerSecond must be in (0, 100], but was " + scansPerSecond);
        }
        peaks = List.copyOf(Objects.requireNonNullElse(peaks, List.of()));
        outages = List.copyOf(Objects.requireNonNullElse(outages, List.of()));
        throttles = List.copyOf(Objects.requireNonNullElse(throttles, List.of()));
        for (ThrottleEvent t : throttles) {
            if (t.at() >= seconds) {
                throw new IllegalArgumentException("a throttle must come before the run's decisions end (" + seconds + " s), but was at "
                        + t.at());
            }
        }
        for (Outage o : outages) {
            if (o.at() + o.seconds() > seconds) {
                throw new IllegalArgumentException("an outage must end before the run does (" + seconds + " s), but ended at "
                        + (o.at() + o.seconds()));
            }
        }
    }

    private static void check(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], but was " + value);
        }
    }

    /** The rate factor at second {@code t} (peaks multiply). */
    public double factorAt(long t) {
        double factor = 1;
        for (Peak p : peaks) {
            if (t >= p.at() && t < p.at() + p.seconds()) {
                factor *= p.factor();
            }
        }
        return factor;
    }

    /** Whether the broker is down at second {@code t}. */
    public boolean brokerDownAt(long t) {
        return outages.stream().anyMatch(o -> t >= o.at() && t < o.at() + o.seconds());
    }

    /** The same scenario for another fleet size. */
    public Scenario withTerminals(int n) {
        return new Scenario(n, seconds, drainSeconds, scansPerSecond, batchMaxRecords, batchMaxAgeSeconds, backoffInitialMs,
                backoffMaxMs, peaks, outages, throttles);
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    /** @throws IOException if the file cannot be read or is not a valid scenario (the message names the field) */
    public static Scenario read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /** The scenario shipped with the tool: {@code fleet/surge.json}. */
    public static Scenario builtIn() throws IOException {
        try (InputStream in = Scenario.class.getResourceAsStream("/fleet/surge.json")) {
            return read(Objects.requireNonNull(in, "fleet/surge.json is missing from the class path"), "fleet/surge.json");
        }
    }

    private static Scenario read(InputStream in, String name) throws IOException {
        try {
            return JSON.readValue(in, Scenario.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(name + ": not a valid scenario: " + e.getMessage(), e);
        }
    }
}
