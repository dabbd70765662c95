package io.limen.agent.uplink.throttle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Reads the centre's retained throttle message (docs/telemetry.md, "Throttle"):
 * <pre>{"version": 1, "maxBatchesPerMinute": 2, "minBatchAgeSeconds": 120, "issuedAt": "2026-11-30T16:00:00Z"}</pre>
 * Hostile input: it returns a result and never throws. Out-of-range values are clamped to
 * {@link Throttle}'s bounds and said in {@link Obeyed#clamped()}; what cannot be clamped into sense
 * (another topic, not JSON, a negative value, older than {@link #MAX_AGE}) is refused with a stable
 * {@link ThrottleProblem}.
 */
public final class ThrottleReader {

    /** The largest throttle message read: it is a handful of fields. */
    public static final int MAX_BYTES = 1024;
    /** A retained throttle older than this is refused: the centre renews the one it means. */
    public static final Duration MAX_AGE = Duration.ofHours(24);
    /** How far ahead of the terminal's clock {@code issuedAt} may be. */
    public static final Duration MAX_SKEW = Duration.ofMinutes(5);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("version", "maxBatchesPerMinute", "minBatchAgeSeconds", "issuedAt");

    private final String topic;

    /** What became of one throttle message. */
    public sealed interface Result permits Obeyed, Refused {
    }

    /** @param clamped each value moved into bounds, as "field: was → now", empty when none was */
    public record Obeyed(Throttle throttle, List<String> clamped) implements Result {
        public Obeyed {
            Objects.requireNonNull(throttle, "throttle must not be null");
            clamped = List.copyOf(clamped);
        }
    }

    public record Refused(ThrottleProblem problem, String detail) implements Result {
        public Refused {
            Objects.requireNonNull(problem, "problem must not be null");
            Objects.requireNonNull(detail, "detail must not be null");
        }
    }

    /** @param topic the fleet's throttle topic, the only one a throttle is taken from */
    public ThrottleReader(String topic) {
        this.topic = Objects.requireNonNull(topic, "topic must not be null");
    }

    public String topic() {
        return topic;
    }

    /** @param now the terminal's clock, to judge {@code issuedAt} */
    public Result read(String from, byte[] payload, Instant now) {
        if (!topic.equals(from)) {
            return new Refused(ThrottleProblem.WRONG_TOPIC, "a throttle is taken only from " + topic + ", not " + from);
        }
        if (payload == null || payload.length > MAX_BYTES) {
            return new Refused(ThrottleProblem.TOO_LARGE, "at most " + MAX_BYTES + " bytes, but was "
                    + (payload == null ? "null" : payload.length));
        }
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (java.io.IOException e) {
            return new Refused(ThrottleProblem.MALFORMED, "not JSON: " + firstLine(e));
        }
        if (root == null || !root.isObject()) {
            return new Refused(ThrottleProblem.MALFORMED, "not a JSON object");
        }
        for (var names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                return new Refused(ThrottleProblem.MALFORMED, "unknown field " + name);
            }
        }
        JsonNode version = root.get("version");
        if (version == null || !version.isIntegralNumber()) {
            return new Refused(ThrottleProblem.MALFORMED, "version must be an integer");
        }
        if (version.asLong() != 1) {
            return new Refused(ThrottleProblem.UNSUPPORTED_VERSION, "version must be 1, but was " + version.asText());
        }
        JsonNode rate = root.get("maxBatchesPerMinute");
        JsonNode age = root.get("minBatchAgeSeconds");
        JsonNode issued = root.get("issuedAt");
        if (rate == null || !rate.isNumber() || age == null || !age.isNumber() || issued == null || !issued.isTextual()) {
            return new Refused(ThrottleProblem.MALFORMED,
                    "maxBatchesPerMinute and minBatchAgeSeconds must be numbers and issuedAt an ISO-8601 instant");
        }
        if (rate.asDouble() < 0 || age.asDouble() < 0) {
            return new Refused(ThrottleProblem.NEGATIVE, "maxBatchesPerMinute and minBatchAgeSeconds must not be negative, but were "
                    + rate.asText() + " and " + age.asText());
        }
        Instant issuedAt;
        try {
            issuedAt = Instant.parse(issued.asText());
        } catch (DateTimeParseException e) {
            return new Refused(ThrottleProblem.MALFORMED, "issuedAt is not an ISO-8601 instant: " + issued.asText());
        }
        if (issuedAt.isBefore(now.minus(MAX_AGE))) {
            return new Refused(ThrottleProblem.STALE, "issued " + issuedAt + ", more than " + MAX_AGE.toHours() + " h before " + now);
        }
        if (issuedAt.isAfter(now.plus(MAX_SKEW))) {
            return new Refused(ThrottleProblem.FROM_THE_FUTURE, "issued " + issuedAt + ", after " + now + " + " + MAX_SKEW.toMinutes() + " min");
        }
        List<String> clamped = new ArrayList<>();
        double r = rate.asDouble();
        double rateIn = Math.clamp(r, Throttle.MIN_RATE, Throttle.MAX_RATE);
        if (rateIn != r) {
            clamped.add("maxBatchesPerMinute: " + rate.asText() + " → " + rateIn);
        }
        double a = age.asDouble();
        double ageIn = Math.min(a, Throttle.MAX_MIN_AGE.toSeconds());
        if (ageIn != a) {
            clamped.add("minBatchAgeSeconds: " + age.asText() + " → " + (long) ageIn);
        }
        return new Obeyed(new Throttle(rateIn, Duration.ofMillis((long) (ageIn * 1000)), issuedAt), clamped);
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
