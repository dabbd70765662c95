package io.limen.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The MQTT 5 link to the central broker (YAML section {@code uplink}; docs/telemetry.md): where it
 * connects, how it backs off, how many batches may wait for their PUBACK, how often it reports its
 * status, and how it closes batches.
 *
 * @param brokerUri      {@code tcp://host:port} or {@code ssl://host:port} (the port is required)
 * @param clientId       the MQTT client identifier, 1..64 characters, no blanks around or control characters
 * @param topicPrefix    every topic's prefix, such as {@code limen/site-1/door-3}: no wildcards ({@code + #}),
 *                       no empty level, no leading or trailing {@code /}
 * @param connectTimeout how long one connect may take until its CONNACK, 100 ms..2 min
 * @param publishTimeout how long a QoS 1 publish may wait for its PUBACK, 100 ms..2 min
 * @param backoffInitial the first reconnect wait's upper bound, 10 ms..60 s
 * @param backoffMax     the cap of every reconnect wait, backoffInitial..10 min
 * @param backoffReset   how long a connection must stay up before the backoff starts again, 0..1 h
 * @param caFile         a PEM file of the CA(s) to trust; when present the URI must be {@code ssl://}
 * @param sessionExpiry  the MQTT 5 session expiry interval the broker keeps the session for, 0..1 day
 * @param maxInFlight    batches published and not yet acknowledged at once, 1..16, sent in sequence order
 * @param heartbeat      the time between two status heartbeats, 1 s..1 h
 * @param batch          when a batch closes and how it is encoded
 * @param maxBatchesPerMinute the most batches sent per minute, 1..6000: two batches are at least
 *                       {@code 60 s / maxBatchesPerMinute} apart (a fixed pace, not a token bucket), so a
 *                       backlog left by an outage drains at a capped rate; a central throttle with a lower
 *                       rate wins (docs/telemetry.md, "Throttle")
 */
public record UplinkConfig(
        String brokerUri,
        String clientId,
        String topicPrefix,
        Duration connectTimeout,
        Duration publishTimeout,
        Duration backoffInitial,
        Duration backoffMax,
        Duration backoffReset,
        Optional<Path> caFile,
        Duration sessionExpiry,
        int maxInFlight,
        Duration heartbeat,
        BatchConfig batch,
        int maxBatchesPerMinute) {

    /** {@link #connectTimeout} and {@link #publishTimeout} in milliseconds: 100 ms..2 min. */
    public static final Range TIMEOUT_MS = new Range(100, 120_000);
    /** {@link #backoffInitial} in milliseconds: 10 ms..60 s. */
    public static final Range BACKOFF_INITIAL_MS = new Range(10, 60_000);
    /** {@link #backoffMax} in milliseconds: at most 10 min, and at least {@link #backoffInitial}. */
    public static final Range BACKOFF_MAX_MS = new Range(10, 600_000);
    /** {@link #backoffReset} in milliseconds: 0..1 h. */
    public static final Range BACKOFF_RESET_MS = new Range(0, 3_600_000);
    /** {@link #sessionExpiry} in seconds: 0..1 day (MQTT 5 carries it as whole seconds). */
    public static final Range SESSION_EXPIRY_S = new Range(0, 86_400);
    /** {@link #maxInFlight} in batches: 1..16. */
    public static final Range MAX_IN_FLIGHT = new Range(1, 16);
    /** {@link #heartbeat} in milliseconds: 1 s..1 h. */
    public static final Range HEARTBEAT_MS = new Range(1_000, 3_600_000);
    /** {@link #maxBatchesPerMinute}: one a minute to 100 a second. */
    public static final Range MAX_BATCHES_PER_MINUTE = new Range(1, 6_000);

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_PUBLISH_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_BACKOFF_INITIAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_BACKOFF_MAX = Duration.ofMinutes(5);
    public static final Duration DEFAULT_BACKOFF_RESET = Duration.ofMinutes(1);
    public static final Duration DEFAULT_SESSION_EXPIRY = Duration.ofHours(1);
    /** One batch at a time: the broker sees a terminal's batches strictly in order. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 1;
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofMinutes(1);
    /**
     * One batch a second (up to 500 scans a second with the default batch size): a day's backlog of a busy
     * door (40,000 scans) drains in 80 s, and a thousand terminals back at once send at most 1,000 batches a
     * second between them.
     */
    public static final int DEFAULT_MAX_BATCHES_PER_MINUTE = 60;
    /** The default topic prefix; {@code {site}} and {@code {terminal}} are the terminal section's names. */
    public static final String DEFAULT_TOPIC_PREFIX = "limen/{site}/{terminal}";
    /** The default client id: unique in a fleet because site and terminal together are. */
    public static final String DEFAULT_CLIENT_ID = "limen-{site}-{terminal}";

    /** The link without the later settings: one batch in flight, a heartbeat a minute, {@link BatchConfig#DEFAULTS}. */
    public UplinkConfig(String brokerUri, String clientId, String topicPrefix, Duration connectTimeout, Duration publishTimeout,
                        Duration backoffInitial, Duration backoffMax, Duration backoffReset, Optional<Path> caFile,
                        Duration sessionExpiry) {
        this(brokerUri, clientId, topicPrefix, connectTimeout, publishTimeout, backoffInitial, backoffMax, backoffReset, caFile,
                sessionExpiry, DEFAULT_MAX_IN_FLIGHT, DEFAULT_HEARTBEAT, BatchConfig.DEFAULTS);
    }

    /** The link without the drain cap: {@link #DEFAULT_MAX_BATCHES_PER_MINUTE}. */
    public UplinkConfig(String brokerUri, String clientId, String topicPrefix, Duration connectTimeout, Duration publishTimeout,
                        Duration backoffInitial, Duration backoffMax, Duration backoffReset, Optional<Path> caFile,
                        Duration sessionExpiry, int maxInFlight, Duration heartbeat, BatchConfig batch) {
        this(brokerUri, clientId, topicPrefix, connectTimeout, publishTimeout, backoffInitial, backoffMax, backoffReset, caFile,
                sessionExpiry, maxInFlight, heartbeat, batch, DEFAULT_MAX_BATCHES_PER_MINUTE);
    }

    public UplinkConfig {
        brokerUri = brokerUri(brokerUri);
        clientId = Checks.name("uplink.clientId", clientId);
        topicPrefix = topicPrefix(topicPrefix);
        Checks.within("uplink.connectTimeout", connectTimeout, TIMEOUT_MS);
        Checks.within("uplink.publishTimeout", publishTimeout, TIMEOUT_MS);
        Checks.within("uplink.backoffInitial", backoffInitial, BACKOFF_INITIAL_MS);
        Checks.within("uplink.backoffMax", backoffMax, backoffInitial, Duration.ofMillis(BACKOFF_MAX_MS.max()));
        Checks.within("uplink.backoffReset", backoffReset, BACKOFF_RESET_MS);
        Checks.present("uplink.caFile", caFile);
        Checks.present("uplink.sessionExpiry", sessionExpiry);
        if (sessionExpiry.getNano() != 0) {
            throw new IllegalArgumentException("uplink.sessionExpiry must be whole seconds, but was " + sessionExpiry.toMillis() + " ms");
        }
        Checks.within("uplink.sessionExpiry", sessionExpiry.getSeconds(), SESSION_EXPIRY_S);
        Checks.within("uplink.maxInFlight", maxInFlight, MAX_IN_FLIGHT);
        Checks.within("uplink.heartbeat", heartbeat, HEARTBEAT_MS);
        Checks.present("uplink.batch", batch);
        Checks.within("uplink.maxBatchesPerMinute", maxBatchesPerMinute, MAX_BATCHES_PER_MINUTE);
        if (caFile.isPresent() != brokerUri.startsWith("ssl://")) {
            throw new IllegalArgumentException("uplink.caFile must be set exactly when uplink.brokerUri is ssl://, but the URI was "
                    + brokerUri + " and caFile " + (caFile.isPresent() ? "was set" : "was not set"));
        }
    }

    /**
     * {@code template} with {@code {site}} and {@code {terminal}} replaced by the terminal's names: how the
     * config file's {@code topicPrefix} and {@code clientId} become this record's.
     */
    public static String expand(String template, TerminalConfig terminal) {
        return template.replace("{site}", terminal.site()).replace("{terminal}", terminal.id());
    }

    /** The topic {@code prefix/suffix}, such as {@code limen/site-1/door-3/status}. */
    public String topic(String suffix) {
        return topicPrefix + "/" + suffix;
    }

    private static String brokerUri(String value) {
        Checks.present("uplink.brokerUri", value);
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("uplink.brokerUri must be tcp://host:port or ssl://host:port, but was \""
                    + value + "\" (" + e.getReason() + ")");
        }
        boolean schemeOk = "tcp".equals(uri.getScheme()) || "ssl".equals(uri.getScheme());
        boolean bare = uri.getPath() == null || uri.getPath().isEmpty();
        if (!schemeOk || uri.getHost() == null || uri.getPort() < 1 || !bare || uri.getQuery() != null || uri.getUserInfo() != null) {
            throw new IllegalArgumentException("uplink.brokerUri must be tcp://host:port or ssl://host:port, but was \""
                    + value.replaceAll("\\p{Cntrl}", "?") + "\"");
        }
        return value;
    }

    private static String topicPrefix(String value) {
        Checks.present("uplink.topicPrefix", value);
        boolean ok = !value.isEmpty() && value.length() <= 256 && !value.startsWith("/") && !value.endsWith("/")
                && !value.contains("//") && value.chars().noneMatch(c -> c == '+' || c == '#' || Character.isISOControl(c));
        if (!ok) {
            throw new IllegalArgumentException("uplink.topicPrefix must be 1..256 characters of topic levels such as"
                    + " limen/site/terminal, without + # control characters or empty levels, but was \""
                    + value.replaceAll("\\p{Cntrl}", "?") + "\"");
        }
        return value;
    }
}
