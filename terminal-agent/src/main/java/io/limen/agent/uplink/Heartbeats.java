package io.limen.agent.uplink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.limen.agent.scanlog.Outbox;
import io.limen.agent.uplink.throttle.ThrottleState;
import io.limen.config.TerminalConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The JSON of the heartbeat and alarm messages (docs/telemetry.md, "Status, heartbeat, alarms"). Every
 * message names its terminal and site and the time it was made, so a consumer needs no topic parsing.
 */
final class Heartbeats {

    /** The version of the heartbeat and alarm documents; it changes with any change a version-1 reader would misread. */
    static final int SCHEMA_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TerminalConfig terminal;
    private final Supplier<Map<String, Object>> status;
    private final Supplier<Instant> now;
    private final LongSupplier uptimeNanos;

    /**
     * @param status      the terminal's part (lists, camera), as JSON-ready maps, lists and scalars
     * @param now         the uplink's clock
     * @param uptimeNanos how long the uplink has run
     */
    Heartbeats(TerminalConfig terminal, Supplier<Map<String, Object>> status, Supplier<Instant> now, LongSupplier uptimeNanos) {
        this.terminal = terminal;
        this.status = status;
        this.now = now;
        this.uptimeNanos = uptimeNanos;
    }

    /**
     * queueDepth (unsent scans), oldestUnsentAgeS (null when none), alarms, uptimeS, the uplink's counts, pace
     * and throttle, then the terminal's part.
     */
    byte[] heartbeat(Outbox.Backlog backlog, Set<String> alarms, UplinkPump.Counts counts, BatchPace pace, ThrottleState.Status throttle) {
        Instant at = now.get();
        Map<String, Object> doc = header(at);
        doc.put("uptimeS", Duration.ofNanos(uptimeNanos.getAsLong()).toSeconds());
        doc.put("queueDepth", backlog.unsentRows());
        doc.put("oldestUnsentAgeS", backlog.oldestUnsent().map(t -> Math.max(0, Duration.between(t, at).toSeconds())).orElse(null));
        doc.put("alarms", codes(alarms));
        Map<String, Object> uplink = new LinkedHashMap<>();
        uplink.put("batchesAcknowledged", counts.batches());
        uplink.put("scansAcknowledged", counts.scans());
        uplink.put("batchesNotAccepted", counts.notAccepted());
        Map<String, Object> paceDoc = new LinkedHashMap<>();
        paceDoc.put("maxBatchesPerMinute", pace.maxBatchesPerMinute());
        paceDoc.put("by", pace.by());
        uplink.put("pace", paceDoc);
        uplink.put("throttle", throttle(throttle));
        doc.put("uplink", uplink);
        status.get().forEach(doc::putIfAbsent);
        return write(doc);
    }

    /**
     * The centre's throttle as the terminal holds it: {@code inForce}, then (when in force) its
     * {@code maxBatchesPerMinute}, {@code minBatchAgeSeconds} and {@code issuedAt}, and {@code last}: what
     * became of the last throttle message ("none received", "obeyed", "obeyed, clamped: …", "refused: CODE: …", "lifted").
     */
    static Map<String, Object> throttle(ThrottleState.Status status) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("inForce", status.throttle().isPresent());
        status.throttle().ifPresent(t -> {
            doc.put("maxBatchesPerMinute", t.maxBatchesPerMinute());
            doc.put("minBatchAgeSeconds", t.minBatchAge().toMillis() / 1000.0);
            doc.put("issuedAt", t.issuedAt().toString());
        });
        doc.put("last", status.last());
        return doc;
    }

    /** The alarms active now, and which were raised and cleared since the last alarm message. */
    byte[] alarms(Set<String> active, Set<String> before) {
        Map<String, Object> doc = header(now.get());
        doc.put("active", codes(active));
        doc.put("raised", codes(difference(active, before)));
        doc.put("cleared", codes(difference(before, active)));
        return write(doc);
    }

    private Map<String, Object> header(Instant at) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schemaVersion", SCHEMA_VERSION);
        doc.put("terminal", terminal.id());
        doc.put("site", terminal.site());
        doc.put("at", at.toString());
        return doc;
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new java.util.TreeSet<>(a);
        d.removeAll(b);
        return d;
    }

    private static java.util.List<String> codes(Set<String> alarms) {
        return alarms.stream().sorted().toList();
    }

    private static byte[] write(Map<String, Object> doc) {
        try {
            return JSON.writeValueAsBytes(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a status document of maps, lists and scalars did not serialise", e);
        }
    }
}
