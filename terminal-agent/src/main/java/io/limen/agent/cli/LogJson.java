package io.limen.agent.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.limen.agent.scanlog.ScanEntry;
import io.limen.agent.scanlog.ScanRecord;
import java.time.Instant;

/**
 * {@code log tail} and {@code log export}: one JSON object per scan log row, fields in a fixed order,
 * every field present (null when it does not apply), written by Jackson. See docs/telemetry.md.
 */
final class LogJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LogJson() {
    }

    static String describe(ScanRecord row) {
        ScanEntry scan = row.scan();
        ObjectNode line = JSON.createObjectNode()
                .put("sequence", row.sequence())
                .put("decided_at", scan.decidedAt().toString())
                .put("decision", scan.granted() ? "granted" : "denied")
                .put("reason", scan.reason().code())
                .put("cti", scan.credentialId().orElse(null))
                .put("issuer", scan.issuer().orElse(null))
                .put("subject", scan.subject().orElse(null))
                .put("zone", scan.zone().orElse(null))
                .put("direction", scan.direction().map(d -> d.configName()).orElse(null));
        line.putObject("us")
                .put("decode", scan.latencies().decode())
                .put("verify", scan.latencies().verify())
                .put("decide", scan.latencies().decide())
                .put("frame_to_relay", scan.latencies().frameToRelay());
        line.put("sent_at", row.sentAt().map(Instant::toString).orElse(null));
        try {
            return JSON.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers must serialise, but did not: " + e.getMessage(), e);
        }
    }
}
