package io.limen.benchmarks.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet simulator on a small fleet (CI's share of docs/surge.md; the 1,000-terminal run is by hand):
 * 20 terminals, a 10× peak and a real broker stop and start (3 s), every decided scan accounted for.
 */
class FleetSimTest {

    private static final Scenario SMALL = new Scenario(20, 10, 15, 2, 500, 2, 100, 1000,
            List.of(new Scenario.Peak(2, 2, 10)), List.of(new Scenario.Outage(5, 3)), List.of());

    @Test
    void limenFleet_acrossABrokerOutage_losesNothingAndDeliversEachScanOnce(@TempDir Path dir) throws Exception {
        FleetRun.Result r = FleetRun.run(Design.LIMEN, SMALL, dir.resolve("limen"), System.out);

        assertTrue(r.decided() > 150, "a 10x peak on 20 terminals decides hundreds of scans, but was " + r.decided());
        assertEquals(0, r.lost(), "every decided scan is delivered or still kept unsent");
        assertEquals(0, r.duplicatesAfterDedup());
        assertEquals(r.decided(), r.delivered() + r.unsentAtEnd(), "delivered and kept add up to decided");
        assertTrue(r.seconds().stream().anyMatch(FleetMeter.Second::brokerDown), "the outage is in the record");
        long attemptsWhileDown = r.seconds().stream().filter(FleetMeter.Second::brokerDown).mapToLong(FleetMeter.Second::attempts).sum();
        assertTrue(attemptsWhileDown > 0, "terminals tried to reconnect while the broker was stopped");
        assertTrue(r.reconnectSeconds() >= 0, "every terminal reconnected after the restart");
        assertTrue(r.brokerMessages() >= r.consumerMessages(), "$SYS counted at least the scan messages the consumer got: "
                + r.brokerMessages() + " vs " + r.consumerMessages());
    }

    @Test
    void perScanAndPahoDefault_samePeriod_writeCsvAndCharts(@TempDir Path dir) throws Exception {
        Scenario short_ = new Scenario(10, 6, 10, 2, 500, 1, 100, 1000, List.of(), List.of(new Scenario.Outage(2, 2)), List.of());
        Path out = Files.createDirectories(dir.resolve("out"));
        List<FleetRun.Result> results = FleetSim.run(short_, List.of(Design.PAHO_DEFAULT, Design.PER_SCAN), dir.resolve("work"), out);

        for (FleetRun.Result r : results) {
            assertEquals(0, r.lost(), r.design() + " loses nothing (its in-memory outbox survives the outage)");
            assertEquals(0, r.duplicatesAfterDedup(), r.design().label());
        }
        FleetRun.Result perScan = results.get(1);
        assertEquals(perScan.delivered(), perScan.consumerMessages() - perScan.duplicatesDropped(),
                "one message per scan: messages equal scans, duplicates aside");
        List<String> csv = Files.readAllLines(out.resolve("surge.csv"));
        assertEquals(SurgeReport.CSV_HEADER, csv.getFirst());
        assertTrue(csv.size() > 2 * 6, "a row per design and second, but was " + csv.size());
        for (String png : List.of("attempts.png", "messages.png")) {
            byte[] bytes = Files.readAllBytes(out.resolve(png));
            assertTrue(bytes.length > 1000 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G', png + " is a PNG");
        }
    }

    /** Issue 9's goal: under a throttle, the fleet's message rate falls below the throttle's limit within one heartbeat. */
    @Test
    void limenFleet_underAThrottlePublishedMidRun_fallsBelowItsLimitWithinOneHeartbeat(@TempDir Path dir) throws Exception {
        // 10 terminals each closing a batch a second (2 scans/s, maxAge 1 s): 10 messages/s; the throttle allows 12 a minute each, 2/s in all.
        Scenario throttled = new Scenario(10, 14, 1, 2, 500, 1, 100, 1000, List.of(), List.of(),
                List.of(new Scenario.ThrottleEvent(3, 12, 0)));
        FleetRun.Result r = FleetRun.run(Design.LIMEN, throttled, dir.resolve("limen"), System.out);

        ThrottleProbe.Outcome t = r.throttle();
        assertEquals(10, t.heldWithinMs().size(), "every terminal took the retained throttle: " + t.heldWithinMs());
        assertTrue(t.heldWithinMs().getLast() < 5_000, "within seconds of the publish: " + t.heldWithinMs());
        assertEquals(10, t.terminalsUnderWithin(60), "each terminal's batches at least 5 s apart within a heartbeat: " + t.underLimitAfterS());
        assertTrue(t.fleetUnderLimitAfterS() >= 0 && t.fleetUnderLimitAfterS() <= 60, t.describe());
        assertTrue(t.fleetMaxAverage() <= t.fleetLimitPerSecond() * 1.5, "at most about the limit after the publish: " + t.describe());
        assertEquals(2.0, t.fleetLimitPerSecond());
        assertEquals(0, r.lost());
        assertEquals(0, r.duplicatesAfterDedup());
        assertTrue(!Scenario.builtIn().throttles().isEmpty(), "the shipped scenario has its throttle");
    }
}
