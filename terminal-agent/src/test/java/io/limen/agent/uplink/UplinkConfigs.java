package io.limen.agent.uplink;

import io.limen.config.UplinkConfig;
import java.time.Duration;
import java.util.Optional;

/** Link settings for tests: short timeouts, a backoff of 100 ms doubling to 1 s, reset after 5 s up. */
final class UplinkConfigs {

    static final Duration BACKOFF_INITIAL = Duration.ofMillis(100);
    static final Duration BACKOFF_MAX = Duration.ofSeconds(1);
    static final Duration RESET = Duration.ofSeconds(5);

    private UplinkConfigs() {
    }

    static UplinkConfig forBroker(String uri, String clientId) {
        return new UplinkConfig(uri, clientId, "limen/site-1/door-3", Duration.ofMillis(1500), Duration.ofMillis(1500),
                BACKOFF_INITIAL, BACKOFF_MAX, RESET, Optional.empty(), Duration.ofSeconds(60));
    }
}
