package io.limen.agent.uplink.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ThrottleReaderTest {

    private static final String TOPIC = "limen/throttle";
    private static final Instant NOW = Instant.parse("2026-11-30T16:00:00Z");
    private final ThrottleReader reader = new ThrottleReader(TOPIC);

    private ThrottleReader.Result read(String json) {
        return reader.read(TOPIC, json.getBytes(StandardCharsets.UTF_8), NOW);
    }

    private static String doc(String rate, String age, String issuedAt) {
        return "{\"version\":1,\"maxBatchesPerMinute\":" + rate + ",\"minBatchAgeSeconds\":" + age + ",\"issuedAt\":\"" + issuedAt + "\"}";
    }

    @Test
    void wellFormed_isObeyedAsWritten() {
        ThrottleReader.Obeyed o = assertInstanceOf(ThrottleReader.Obeyed.class, read(doc("2", "120", "2026-11-30T15:59:00Z")));
        assertEquals(new Throttle(2, Duration.ofSeconds(120), Instant.parse("2026-11-30T15:59:00Z")), o.throttle());
        assertEquals(List.of(), o.clamped());
        assertEquals(Duration.ofSeconds(30), o.throttle().interval());
    }

    @ParameterizedTest(name = "rate {0}, age {1} -> rate {2}, age {3} s")
    @CsvSource({
        "0, 10, 0.1, 10",            // rate 0 would silence the uplink: the slowest allowed is one batch per 10 min
        "1000000000, 10, 60.0, 10",  // 10^9: at most one batch a second
        "5, 99999999, 5.0, 3600",    // an age past an hour: one hour
    })
    void absurdValues_areClampedToTheBounds_andSaidSo(String rate, String age, double expectRate, long expectAge) {
        ThrottleReader.Obeyed o = assertInstanceOf(ThrottleReader.Obeyed.class, read(doc(rate, age, "2026-11-30T15:59:00Z")));
        assertEquals(expectRate, o.throttle().maxBatchesPerMinute());
        assertEquals(Duration.ofSeconds(expectAge), o.throttle().minBatchAge());
        assertEquals(1, o.clamped().size(), o.clamped().toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not json                  | MALFORMED",
        "[1,2]                     | MALFORMED",
        "{\"version\":1}           | MALFORMED",
        "{\"version\":2,\"maxBatchesPerMinute\":1,\"minBatchAgeSeconds\":1,\"issuedAt\":\"2026-11-30T15:59:00Z\"} | UNSUPPORTED_VERSION",
        "{\"version\":1,\"maxBatchesPerMinute\":-1,\"minBatchAgeSeconds\":1,\"issuedAt\":\"2026-11-30T15:59:00Z\"} | NEGATIVE",
        "{\"version\":1,\"maxBatchesPerMinute\":1,\"minBatchAgeSeconds\":-5,\"issuedAt\":\"2026-11-30T15:59:00Z\"} | NEGATIVE",
        "{\"version\":1,\"maxBatchesPerMinute\":\"1\",\"minBatchAgeSeconds\":1,\"issuedAt\":\"2026-11-30T15:59:00Z\"} | MALFORMED",
        "{\"version\":1,\"maxBatchesPerMinute\":1,\"minBatchAgeSeconds\":1,\"issuedAt\":\"yesterday\"} | MALFORMED",
        "{\"version\":1,\"maxBatchesPerMinute\":1,\"minBatchAgeSeconds\":1,\"issuedAt\":\"2026-11-28T15:59:00Z\"} | STALE",
        "{\"version\":1,\"maxBatchesPerMinute\":1,\"minBatchAgeSeconds\":1,\"issuedAt\":\"2026-11-30T17:00:00Z\"} | FROM_THE_FUTURE",
        "{\"version\":1,\"maxBatchesPerMinute\":1,\"minBatchAgeSeconds\":1,\"issuedAt\":\"2026-11-30T15:59:00Z\",\"x\":1} | MALFORMED",
    })
    void badInput_isRefusedWithAStableReason(String json, ThrottleProblem problem) {
        ThrottleReader.Refused r = assertInstanceOf(ThrottleReader.Refused.class, read(json));
        assertEquals(problem, r.problem(), r.detail());
    }

    @Test
    void anotherTopic_isRefused_whateverItSays() {
        ThrottleReader.Result r = reader.read("limen/site-1/door-3/throttle",
                doc("1", "1", "2026-11-30T15:59:00Z").getBytes(StandardCharsets.UTF_8), NOW);
        assertEquals(ThrottleProblem.WRONG_TOPIC, assertInstanceOf(ThrottleReader.Refused.class, r).problem());
    }

    @Test
    void oversized_isRefusedUnread() {
        ThrottleReader.Result r = reader.read(TOPIC, new byte[ThrottleReader.MAX_BYTES + 1], NOW);
        assertEquals(ThrottleProblem.TOO_LARGE, assertInstanceOf(ThrottleReader.Refused.class, r).problem());
    }

    @Test
    void problemCodes_arePinned() {
        assertEquals(List.of("wrong_topic", "too_large", "malformed", "unsupported_version", "negative", "stale", "from_the_future"),
                java.util.Arrays.stream(ThrottleProblem.values()).map(ThrottleProblem::code).toList());
    }
}
