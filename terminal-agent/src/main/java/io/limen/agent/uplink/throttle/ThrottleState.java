package io.limen.agent.uplink.throttle;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The throttle the terminal obeys now, and what became of the last throttle message: written on the MQTT
 * client's thread, read by the uplink pump before each batch. A refused message leaves the throttle in
 * force as it was; nothing here touches deciding.
 */
public final class ThrottleState {

    private static final Logger log = LoggerFactory.getLogger(ThrottleState.class);

    private final ThrottleReader reader;
    private volatile Status status = new Status(Optional.empty(), "none received");

    /**
     * @param throttle the throttle in force, if any
     * @param last     the last message's fate, for status: "obeyed", "obeyed, clamped: ...", or "refused: CODE: detail"
     */
    public record Status(Optional<Throttle> throttle, String last) {
        public Status {
            Objects.requireNonNull(throttle, "throttle must not be null");
            Objects.requireNonNull(last, "last must not be null");
        }
    }

    public ThrottleState(ThrottleReader reader) {
        this.reader = Objects.requireNonNull(reader, "reader must not be null");
    }

    /** The fleet's throttle topic for a terminal's topic prefix: its first level, then {@code throttle} ({@code limen/throttle}). */
    public static String topicFor(String topicPrefix) {
        int slash = topicPrefix.indexOf('/');
        return (slash < 0 ? topicPrefix : topicPrefix.substring(0, slash)) + "/throttle";
    }

    public String topic() {
        return reader.topic();
    }

    /** One throttle message; never throws. An empty payload (the centre cleared the retained message) lifts the throttle. */
    public void arrived(String topic, byte[] payload, Instant now) {
        if (payload != null && payload.length == 0 && reader.topic().equals(topic)) {
            status = new Status(Optional.empty(), "lifted");
            log.info("uplink: throttle lifted");
            return;
        }
        ThrottleReader.Result result = reader.read(topic, payload, now);
        switch (result) {
            case ThrottleReader.Obeyed o -> {
                status = new Status(Optional.of(o.throttle()), o.clamped().isEmpty() ? "obeyed" : "obeyed, clamped: " + String.join("; ", o.clamped()));
                if (o.clamped().isEmpty()) {
                    log.info("uplink: throttle: at most {} batches/min, batches at least {} s old", o.throttle().maxBatchesPerMinute(),
                            o.throttle().minBatchAge().toSeconds());
                } else {
                    log.warn("uplink: throttle obeyed within bounds: {}", o.clamped());
                }
            }
            case ThrottleReader.Refused r -> {
                status = new Status(status.throttle(), "refused: " + r.problem().code() + ": " + r.detail());
                log.warn("uplink: throttle message refused ({}): {}; the throttle in force is unchanged", r.problem().code(), r.detail());
            }
        }
    }

    public Status status() {
        return status;
    }

    /** The least age at which a batch closes by age now; zero without a throttle. */
    public java.time.Duration minBatchAge() {
        return status.throttle().map(Throttle::minBatchAge).orElse(java.time.Duration.ZERO);
    }

    /** The least nanoseconds between two batches now; 0 without a throttle. */
    public long intervalNanos() {
        return status.throttle().map(t -> t.interval().toNanos()).orElse(0L);
    }
}
