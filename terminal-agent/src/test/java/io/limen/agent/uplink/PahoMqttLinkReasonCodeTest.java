package io.limen.agent.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.agent.time.RestartSchedule;
import io.limen.testing.FakeBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reason codes mosquitto never sends, from a scripted fake broker: a PUBACK with 0x97 Quota exceeded or
 * 0x80 is a failure with its code (Paho itself completes both as success), a CONNACK 0x89 Server busy,
 * 0x97 Quota exceeded or 0x9F Connection rate exceeded fails the connect and the loop backs off with full jitter; a broker that never answers runs into our timeouts.
 */
class PahoMqttLinkReasonCodeTest {

    private static final byte[] PAYLOAD = "batch".getBytes(StandardCharsets.UTF_8);

    @Test
    void pubackWithQuotaExceededOr0x80_isRejectedWithItsCode_successCodesAreAcknowledged() throws Exception {
        try (FakeBroker broker = new FakeBroker(0x00, List.of(0x97, 0x80, 0x00, 0x10));
             PahoMqttLink link = new PahoMqttLink(UplinkConfigs.forBroker(broker.uri(), "door-3"))) {
            link.connect(reason -> { });

            PublishResult quota = link.publish("limen/site-1/door-3/scans", PAYLOAD, Map.of("schema", "1"));
            PublishResult unspecified = link.publish("limen/site-1/door-3/scans", PAYLOAD, Map.of());
            PublishResult success = link.publish("limen/site-1/door-3/scans", PAYLOAD, Map.of());
            PublishResult noSubscribers = link.publish("limen/site-1/door-3/scans", PAYLOAD, Map.of());

            assertEquals(new PublishResult(PublishResult.Status.REJECTED, 0x97, "PUBACK reason code 0x97"), quota);
            assertFalse(quota.acknowledged());
            assertEquals(new PublishResult(PublishResult.Status.REJECTED, 0x80, "PUBACK reason code 0x80"), unspecified);
            assertEquals(new PublishResult(PublishResult.Status.ACKNOWLEDGED, 0x00, "PUBACK reason code 0x00"), success);
            assertTrue(success.acknowledged());
            assertEquals(PublishResult.Status.ACKNOWLEDGED, noSubscribers.status(), "0x10 No matching subscribers is a success");
            assertEquals(0x10, noSubscribers.reasonCode());
        }
    }

    @Test
    void noPuback_isTimedOut_afterThePublishTimeout() throws Exception {
        try (FakeBroker broker = new FakeBroker(0x00, List.of());
             PahoMqttLink link = new PahoMqttLink(UplinkConfigs.forBroker(broker.uri(), "door-3"))) {
            link.connect(reason -> { });
            long start = System.nanoTime();
            PublishResult result = link.publish("limen/site-1/door-3/scans", PAYLOAD, Map.of());
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertEquals(PublishResult.Status.TIMED_OUT, result.status());
            assertEquals(-1, result.reasonCode());
            assertTrue(tookMs >= 1400 && tookMs < 5000, "waited about the 1.5 s publish timeout: " + tookMs + " ms");
        }
    }

    @Test
    void brokerThatNeverAnswersTheConnect_failsWithinTheConnectTimeout() throws Exception {
        try (FakeBroker broker = new FakeBroker(null, List.of());
             PahoMqttLink link = new PahoMqttLink(UplinkConfigs.forBroker(broker.uri(), "door-3"))) {
            long start = System.nanoTime();
            LinkException e = assertThrows(LinkException.class, () -> link.connect(reason -> { }));
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(e.getMessage().startsWith("no CONNACK from " + broker.uri() + " within 1500 ms"), e.getMessage());
            assertTrue(tookMs < 5000, "gave up after the connect timeout: " + tookMs + " ms");
            assertFalse(link.isConnected());
        }
    }

    /** 0x89 Server busy, 0x97 Quota exceeded, 0x9F Connection rate exceeded: a broker shedding load is not retried at once. */
    @ParameterizedTest(name = "CONNACK 0x{0}")
    @ValueSource(strings = {"89", "97", "9F"})
    void connackRefusal_failsTheConnectWithItsCode_andTheLoopBacksOffWithFullJitter(String hex) throws Exception {
        int code = Integer.parseInt(hex, 16);
        LockedTime time = new LockedTime();
        Events events = new Events();
        RestartSchedule backoff = new RestartSchedule(UplinkConfigs.BACKOFF_INITIAL, UplinkConfigs.BACKOFF_MAX,
                UplinkConfigs.RESET, new SplittableRandom(7));
        try (FakeBroker broker = new FakeBroker(code, List.of());
             PahoMqttLink link = new PahoMqttLink(UplinkConfigs.forBroker(broker.uri(), "door-3"));
             ReconnectLoop loop = new ReconnectLoop(link, time, backoff, UplinkConfigs.RESET, events)) {
            loop.start();
            time.runDue();
            assertEquals(1, broker.connects());
            assertEquals(1, events.retries.size());
            assertTrue(events.lastRetry().reason().contains("CONNACK reason code 0x" + hex), events.lastRetry().reason());

            for (int n = 2; n <= 6; n++) {
                Duration wait = events.lastRetry().delay();
                if (!wait.isZero()) {
                    time.advance(wait.minusNanos(1));
                    assertEquals(n - 1, broker.connects(), "no attempt before the jittered wait is over");
                }
                time.advance(wait.isZero() ? Duration.ZERO : Duration.ofNanos(1));
                assertEquals(n, broker.connects());
                Events.Retry retry = events.lastRetry();
                assertEquals(n, retry.failuresInARow());
                Duration ceiling = backoff.ceiling(n);
                assertTrue(!retry.delay().isNegative() && retry.delay().compareTo(ceiling) <= 0, retry + " within " + ceiling);
            }
            assertEquals(0, events.connected);
            assertFalse(loop.isUp());
            // Full jitter: the waits are spread below their ceilings, not the ceilings themselves.
            assertTrue(events.retries.stream().anyMatch(r -> r.delay().compareTo(backoff.ceiling(r.failuresInARow())) < 0));
        }
    }
}
