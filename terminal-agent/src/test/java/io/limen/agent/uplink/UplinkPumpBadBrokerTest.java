package io.limen.agent.uplink;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.testing.FakeBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Brokers that do not behave, from a scripted fake broker and raw sockets: a PUBACK with 0x97 Quota
 * exceeded or 0x80 keeps the batch in the outbox and the pump backs off before sending it again; a
 * CONNACK 0x89 Server busy, a broker that accepts and never answers, and one that answers garbage
 * leave every row unsent while the terminal goes on appending.
 */
class UplinkPumpBadBrokerTest {

    private static final Duration WITHIN = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void pubackQuotaExceededThen0x80_keepTheBatch_whichIsSentAgainAfterABackoff_andMarkedSentOnlyOnSuccess() throws Exception {
        // The pump's first two publishes are its online status and first heartbeat; then the batch, twice refused.
        try (FakeBroker broker = new FakeBroker(0x00, List.of(0x00, 0x00, 0x97, 0x80, 0x00, 0x00, 0x00));
             PumpRig rig = new PumpRig(dir, PumpRig.config(broker.uri(), 100, 1))) {
            rig.append(30);

            await().atMost(WITHIN).pollInterval(Duration.ofMillis(5)).until(() -> rig.pump.counts().notAccepted() >= 1);
            long refused = System.nanoTime();
            assertEquals(30, rig.unsent(), "0x97 Quota exceeded: nothing marked sent");

            await().atMost(WITHIN).until(() -> rig.pump.counts().batches() == 1);
            long backedOffMs = (System.nanoTime() - refused) / 1_000_000;
            assertTrue(backedOffMs >= 250, "backoffs of 100 ms and 200 ms (the ceilings) before the batch went again: " + backedOffMs);
            assertEquals(0, rig.unsent(), "sent once a PUBACK had a success code");
            assertEquals(new UplinkPump.Counts(5, 1, 30, 2), rig.pump.counts(),
                    "online, heartbeat, the batch refused twice (0x97, 0x80) and accepted the third time");
            assertEquals(1, broker.connects(), "a refused PUBACK slows the pump down; it does not drop the connection");
        }
    }

    @Test
    void connackServerBusy_theLinkBacksOffAndRetries_everyRowStaysUnsent() throws Exception {
        try (FakeBroker broker = new FakeBroker(0x89, List.of());
             PumpRig rig = new PumpRig(dir, PumpRig.config(broker.uri(), 10, 1))) {
            rig.append(25);
            await().atMost(WITHIN).until(() -> broker.connects() >= 3);
            assertFalse(rig.pump.isConnected());
            rig.append(25);
            assertEquals(50, rig.unsent(), "the terminal went on logging; nothing left the outbox");
            assertEquals(0, rig.pump.counts().batches());
        }
    }

    @Test
    void brokerThatAcceptsAndNeverAnswers_connectTimesOut_andTheTerminalGoesOn() throws Exception {
        try (FakeBroker broker = new FakeBroker(null, List.of());
             PumpRig rig = new PumpRig(dir, PumpRig.config(broker.uri(), 10, 1))) {
            long start = System.nanoTime();
            rig.append(10);
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(1).toNanos(), "appending never waits for the broker");
            await().atMost(WITHIN).until(() -> broker.connects() >= 2);
            assertFalse(rig.pump.isConnected());
            assertEquals(10, rig.unsent());
        }
    }

    @Test
    void brokerThatAnswersGarbage_isAFailedConnect_retried_andNothingIsLost() throws Exception {
        try (GarbageServer garbage = new GarbageServer();
             PumpRig rig = new PumpRig(dir, PumpRig.config(garbage.uri(), 10, 1))) {
            rig.append(10);
            await().atMost(WITHIN).until(() -> garbage.accepted >= 3);
            assertFalse(rig.pump.isConnected());
            assertEquals(10, rig.unsent());
        }
    }
}
