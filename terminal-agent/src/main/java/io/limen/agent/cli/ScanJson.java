package io.limen.agent.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.limen.agent.ScanOutcome;
import io.limen.agent.policy.Decision;
import io.limen.format.credential.Claims;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * {@code scan}'s output: one JSON object per line, fields in a fixed order, every field present (null
 * when it does not apply), written by Jackson. See docs/commands.md for the fields.
 */
final class ScanJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private ScanJson() {
    }

    /** One scanned image or text; a frame with no code has a null decision and reason {@code no_code}. */
    static String describe(String file, ScanOutcome outcome) {
        ObjectNode line = JSON.createObjectNode().put("file", file);
        switch (outcome) {
            case ScanOutcome.NoCode noCode -> line.putNull("text").putNull("decision")
                    .put("reason", noCode.reason().code())
                    .put("detail", "no readable QR code in the image");
            // scan decides every image: only the live loop's debounce makes repeats.
            case ScanOutcome.Repeated repeated -> line.put("text", repeated.text()).putNull("decision")
                    .put("reason", repeated.reason().code())
                    .put("detail", "seen before, already decided");
            case ScanOutcome.Scanned scanned -> line.put("text", scanned.text())
                    .put("decision", scanned.decision().granted() ? "granted" : "denied")
                    .put("reason", scanned.reason().code())
                    .put("detail", scanned.decision().detail());
        }
        Optional<Claims> claims = outcome instanceof ScanOutcome.Scanned scanned
                ? scanned.decision().credential().map(c -> c.claims())
                : Optional.empty();
        line.put("cti", claims.map(c -> c.id().toHex()).orElse(null))
                .put("issuer", claims.map(Claims::issuer).orElse(null))
                .put("subject", claims.map(Claims::subject).orElse(null));
        ScanOutcome.StageTimes times = outcome.times();
        line.putObject("ms")
                .put("decode", millis(times.decodeNanos()))
                .put("verify", millis(times.verifyNanos()))
                .put("decide", millis(times.decideNanos()))
                .put("total", millis(times.totalNanos()));
        return write(line);
    }

    /** An image that could not be read. */
    static String error(String file, String message) {
        return write(JSON.createObjectNode().put("file", file).put("error", message));
    }

    /** Milliseconds with microsecond precision, as a plain number. */
    private static BigDecimal millis(long nanos) {
        return BigDecimal.valueOf(nanos, 6).setScale(3, RoundingMode.HALF_UP);
    }

    private static String write(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers must serialise, but did not: " + e.getMessage(), e);
        }
    }
}
