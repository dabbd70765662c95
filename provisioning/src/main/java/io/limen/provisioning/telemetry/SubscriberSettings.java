package io.limen.provisioning.telemetry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link TelemetrySubscriber} reaches the broker.
 *
 * @param brokerUri     {@code tcp://host:1883}, or {@code ssl://host:8883} with a CA file
 * @param clientId      the MQTT client id; give each instance a stable one so that a restart resumes its session
 * @param shareGroup    the shared-subscription group: instances in one group split the batches between them
 * @param prefixFilter  the terminals' topic prefix as a filter, such as {@code limen/+/+} for {@code limen/{site}/{terminal}}
 * @param presence      whether to subscribe to every terminal's {@code status}, {@code heartbeat} and {@code alarms} too (not shared)
 * @param connectTimeout how long a connect (and the subscribe after it) may take
 * @param sessionExpiry how long the broker keeps this client's session, and queues its share of the batches,
 *                      while it is away
 * @param backoff       the waits between connect attempts
 * @param backoffReset  how long a connection must stay up before the waits start small again
 * @param caFile        the PEM file of the CA certificates that vouch for the broker, with {@code ssl://}: only
 *                      these are trusted, not the JDK's; empty with {@code tcp://}
 */
public record SubscriberSettings(String brokerUri, String clientId, String shareGroup, String prefixFilter, boolean presence,
                                 Duration connectTimeout, Duration sessionExpiry, Backoff backoff, Duration backoffReset,
                                 Optional<Path> caFile) {

    public SubscriberSettings {
        Objects.requireNonNull(brokerUri, "brokerUri must not be null");
        Objects.requireNonNull(clientId, "clientId must not be null");
        Objects.requireNonNull(connectTimeout, "connectTimeout must not be null");
        Objects.requireNonNull(sessionExpiry, "sessionExpiry must not be null");
        Objects.requireNonNull(backoff, "backoff must not be null");
        Objects.requireNonNull(backoffReset, "backoffReset must not be null");
        Objects.requireNonNull(caFile, "caFile must not be null");
        if (brokerUri.startsWith("ssl://") != caFile.isPresent() || !brokerUri.matches("(tcp|ssl)://.+")) {
            throw new IllegalArgumentException("the broker must be tcp://HOST:PORT, or ssl://HOST:PORT with a CA file, but was "
                    + brokerUri + (caFile.isPresent() ? " with a CA file" : " without a CA file"));
        }
        if (shareGroup == null || shareGroup.isEmpty() || shareGroup.matches(".*[/+#].*")) {
            throw new IllegalArgumentException("shareGroup must be non-empty without / + or #, but was " + shareGroup);
        }
        if (prefixFilter == null || prefixFilter.isEmpty() || prefixFilter.contains("#") || prefixFilter.startsWith("$")) {
            throw new IllegalArgumentException("prefixFilter must be topic levels (+ allowed, # not), but was " + prefixFilter);
        }
    }

    /** {@code $share/GROUP/PREFIX/scans}. */
    public String scansFilter() {
        return "$share/" + shareGroup + "/" + prefixFilter + "/" + TelemetryConsumer.SCANS;
    }
}
