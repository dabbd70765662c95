package io.limen.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The uplink's settings are checked where they are built: each bad value fails with its field and the rule. */
class UplinkConfigTest {

    private static UplinkConfig with(String uri, String clientId, String prefix, Duration connect, Duration initial,
                                     Duration max, Optional<Path> ca, Duration expiry) {
        return new UplinkConfig(uri, clientId, prefix, connect, Duration.ofSeconds(10), initial, max,
                Duration.ofSeconds(30), ca, expiry);
    }

    private static UplinkConfig valid() {
        return with("tcp://broker.example:1883", "door-3", "limen/site-1/door-3", Duration.ofSeconds(10),
                Duration.ofMillis(500), Duration.ofMinutes(2), Optional.empty(), Duration.ofHours(1));
    }

    private static String failure(Runnable build) {
        return assertThrows(IllegalArgumentException.class, build::run).getMessage();
    }

    @Test
    void aValidConfig_namesTopicsUnderItsPrefix() {
        assertEquals("limen/site-1/door-3/status", valid().topic("status"));
        UplinkConfig tls = with("ssl://broker.example:8883", "door-3", "limen/s/t", Duration.ofSeconds(10),
                Duration.ofMillis(500), Duration.ofMinutes(2), Optional.of(Path.of("/etc/limen/ca.pem")), Duration.ZERO);
        assertEquals(Optional.of(Path.of("/etc/limen/ca.pem")), tls.caFile());
    }

    @Test
    void brokerUri_mustBeTcpOrSslWithHostAndPort() {
        for (String bad : new String[] {"mqtt://broker:1883", "tcp://broker", "tcp://:1883", "tcp://broker:1883/x", "tcp://u@broker:1883", "not a uri"}) {
            String message = failure(() -> with(bad, "door-3", "limen/s/t", Duration.ofSeconds(10), Duration.ofMillis(500),
                    Duration.ofMinutes(2), Optional.empty(), Duration.ZERO));
            assertEquals(true, message.startsWith("uplink.brokerUri must be tcp://host:port or ssl://host:port, but was \"" + bad + "\""), message);
        }
    }

    @Test
    void caFile_goesWithSsl_andOnlyWithSsl() {
        assertEquals("uplink.caFile must be set exactly when uplink.brokerUri is ssl://, but the URI was ssl://b:8883 and caFile was not set",
                failure(() -> with("ssl://b:8883", "door-3", "limen/s/t", Duration.ofSeconds(10), Duration.ofMillis(500),
                        Duration.ofMinutes(2), Optional.empty(), Duration.ZERO)));
        assertEquals("uplink.caFile must be set exactly when uplink.brokerUri is ssl://, but the URI was tcp://b:1883 and caFile was set",
                failure(() -> with("tcp://b:1883", "door-3", "limen/s/t", Duration.ofSeconds(10), Duration.ofMillis(500),
                        Duration.ofMinutes(2), Optional.of(Path.of("ca.pem")), Duration.ZERO)));
    }

    @Test
    void topicPrefix_hasNoWildcardsOrEmptyLevels() {
        for (String bad : new String[] {"", "/limen/s", "limen/s/", "limen//t", "limen/+/t", "limen/#", "limen/s\u0000"}) {
            String message = failure(() -> with("tcp://b:1883", "door-3", bad, Duration.ofSeconds(10), Duration.ofMillis(500),
                    Duration.ofMinutes(2), Optional.empty(), Duration.ZERO));
            assertEquals(true, message.startsWith("uplink.topicPrefix must be 1..256 characters"), message);
        }
    }

    @Test
    void timeoutsBackoffAndSessionExpiry_stayWithinTheirRanges() {
        assertEquals("uplink.connectTimeout must be within 100..120000 ms, but was 50 ms",
                failure(() -> with("tcp://b:1883", "door-3", "limen/s/t", Duration.ofMillis(50), Duration.ofMillis(500),
                        Duration.ofMinutes(2), Optional.empty(), Duration.ZERO)));
        assertEquals("uplink.backoffMax must be within 500..600000 ms, but was 100 ms",
                failure(() -> with("tcp://b:1883", "door-3", "limen/s/t", Duration.ofSeconds(10), Duration.ofMillis(500),
                        Duration.ofMillis(100), Optional.empty(), Duration.ZERO)));
        assertEquals("uplink.sessionExpiry must be within 0..86400, but was 86401",
                failure(() -> with("tcp://b:1883", "door-3", "limen/s/t", Duration.ofSeconds(10), Duration.ofMillis(500),
                        Duration.ofMinutes(2), Optional.empty(), Duration.ofSeconds(86_401))));
        assertEquals("uplink.sessionExpiry must be whole seconds, but was 1500 ms",
                failure(() -> with("tcp://b:1883", "door-3", "limen/s/t", Duration.ofSeconds(10), Duration.ofMillis(500),
                        Duration.ofMinutes(2), Optional.empty(), Duration.ofMillis(1500))));
        assertEquals("uplink.clientId must be 1..64 characters without surrounding blanks or control characters, but was \" door\"",
                failure(() -> with("tcp://b:1883", " door", "limen/s/t", Duration.ofSeconds(10), Duration.ofMillis(500),
                        Duration.ofMinutes(2), Optional.empty(), Duration.ZERO)));
    }

    @Test
    void maxBatchesPerMinute_isOneToSixThousand_defaultSixty() {
        UplinkConfig v = valid();
        assertEquals(UplinkConfig.DEFAULT_MAX_BATCHES_PER_MINUTE, v.maxBatchesPerMinute());
        for (int bad : new int[] {0, -1, 6_001}) {
            assertEquals("uplink.maxBatchesPerMinute must be within 1..6000, but was " + bad,
                    failure(() -> new UplinkConfig(v.brokerUri(), v.clientId(), v.topicPrefix(), v.connectTimeout(), v.publishTimeout(),
                            v.backoffInitial(), v.backoffMax(), v.backoffReset(), v.caFile(), v.sessionExpiry(), v.maxInFlight(),
                            v.heartbeat(), v.batch(), bad)));
        }
    }
}
