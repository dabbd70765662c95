package io.limen.provisioning.telemetry;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The reference consumer without the network: takes the messages of the telemetry topics (docs/telemetry.md:
 * scans, status, heartbeat, alarms)
 * and writes one JSON line per scan, each (terminal, sequence) once; says on the event writer what it
 * refused, which gaps opened and which were filled; and keeps what the fleet status table shows. The
 * MQTT side ({@link TelemetrySubscriber}) only hands messages in. Thread-safe: every call is serialised.
 *
 * <p>Event lines (stable, one per event; the first word says which):
 * <pre>
 * refused REASON TOPIC: DETAIL
 * gap SITE/TERMINAL FIRST..LAST opened (N missing)
 * gap SITE/TERMINAL FIRST..LAST filled (N missing)
 * </pre>
 */
public final class TelemetryConsumer {

    /** The topic levels after a terminal's prefix. */
    public static final String SCANS = "scans";
    public static final String STATUS = "status";
    public static final String HEARTBEAT = "heartbeat";
    public static final String ALARMS = "alarms";

    /** The longest status payload shown, in characters. */
    private static final int MAX_STATUS = 32;
    /** The longest list of alarm codes shown, in characters. */
    static final int MAX_ALARMS = 80;
    /** The longest alarms message read, in bytes: a few dozen codes are under 2 KB. */
    private static final int MAX_ALARMS_PAYLOAD = 16 * 1024;
    static final String UNREADABLE = "unreadable";

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /**
     * Counts since the start.
     *
     * @param batches    batches taken in (duplicates or not)
     * @param scans      scans written out
     * @param duplicates scans dropped as seen before
     * @param refused    refused messages by reason
     */
    public record Counts(long batches, long scans, long duplicates, Map<RefusalReason, Long> refused) {
        public Counts {
            refused = Map.copyOf(refused);
        }

        /** All refused messages. */
        public long refusedTotal() {
            return refused.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * A terminal's presence from its status, heartbeat and alarms topics; null where nothing came yet.
     *
     * @param alarms the active alarm codes of its latest alarms message, comma-separated ("" for none), or
     *               {@code unreadable}
     */
    record Presence(String status, Instant statusAt, Instant heartbeatAt, String alarms) {
        static final Presence NONE = new Presence(null, null, null, null);

        Presence withStatus(String text, Instant at) {
            return new Presence(text, at, heartbeatAt, alarms);
        }

        Presence withHeartbeat(Instant at) {
            return new Presence(status, statusAt, at, alarms);
        }

        Presence withAlarms(String active) {
            return new Presence(status, statusAt, heartbeatAt, active);
        }
    }

    private final BatchDecoder decoder;
    private final FleetLedger ledger;
    private final Writer scansOut;
    private final PrintWriter events;
    private final Map<RefusalReason, Long> refused = new EnumMap<>(RefusalReason.class);
    private final Map<TerminalId, String> prefixes = new HashMap<>();
    private final Map<String, Presence> presence = new TreeMap<>();
    private final int maxPresence;
    private boolean broken;
    private long batches;
    private long scans;
    private long duplicates;

    /**
     * @param decoder     reads the payloads
     * @param ledger      de-duplicates and tracks gaps
     * @param scansOut    where the JSON lines go; flushed after each batch
     * @param events      where refusals and gaps are reported
     * @param maxPresence how many terminals' status to keep (a broker full of topics costs no more)
     */
    public TelemetryConsumer(BatchDecoder decoder, FleetLedger ledger, Writer scansOut, PrintWriter events, int maxPresence) {
        this.decoder = Objects.requireNonNull(decoder, "decoder must not be null");
        this.ledger = Objects.requireNonNull(ledger, "ledger must not be null");
        this.scansOut = Objects.requireNonNull(scansOut, "scansOut must not be null");
        this.events = Objects.requireNonNull(events, "events must not be null");
        this.maxPresence = maxPresence;
    }

    /**
     * One message from a {@code <prefix>/scans} topic. Refusals are counted and reported and change
     * nothing else; the scans written are flushed before this returns (so the MQTT client acknowledges
     * only what is written).
     *
     * @return what became of it
     * @throws IOException if the JSON lines could not be written; the ledger has counted the batch's scans
     *                     as seen by then, so this consumer is of no further use ({@link IllegalStateException}
     *                     from then on): end the process, unacknowledged, and let the broker deliver again
     */
    public synchronized FleetLedger.Result batch(String topic, byte[] payload, Map<String, String> userProperties, Instant receivedAt)
            throws IOException {
        if (broken) {
            throw new IllegalStateException("the scan output failed before; this consumer takes no more batches");
        }
        BatchDecoder.Result decoded = decoder.decode(payload, userProperties);
        if (decoded instanceof Refused r) {
            return refuse(topic, r);
        }
        Batch batch = ((BatchDecoder.Accepted) decoded).batch();
        FleetLedger.Result result = ledger.admit(batch, receivedAt);
        if (result instanceof Refused r) {
            return refuse(topic, r);
        }
        FleetLedger.Admitted admitted = (FleetLedger.Admitted) result;
        StringBuilder lines = new StringBuilder();
        for (Scan scan : admitted.fresh()) {
            lines.append(line(batch, scan, receivedAt)).append('\n');
        }
        broken = true;
        scansOut.write(lines.toString());
        scansOut.flush();
        broken = false;
        batches++;
        scans += admitted.fresh().size();
        duplicates += admitted.duplicates();
        prefixes.put(batch.terminal(), prefix(topic, SCANS));
        for (SequenceRange gap : admitted.gapsOpened()) {
            events.println("gap " + batch.terminal() + " " + gap + " opened (" + admitted.missing() + " missing)");
        }
        for (SequenceRange gap : admitted.gapsFilled()) {
            events.println("gap " + batch.terminal() + " " + gap + " filled (" + admitted.missing() + " missing)");
        }
        events.flush();
        return admitted;
    }

    private Refused refuse(String topic, Refused r) {
        refused.merge(r.reason(), 1L, Long::sum);
        events.println("refused " + r.reason().code() + " " + Refused.printable(topic, 200) + ": " + r.detail());
        events.flush();
        return r;
    }

    /** One scan as a JSON line: the record's fields as sent, with whose it is and when it arrived. */
    static String line(Batch batch, Scan scan, Instant receivedAt) {
        ObjectNode o = JSON.createObjectNode();
        o.put("site", batch.terminal().site());
        o.put("terminal", batch.terminal().terminal());
        o.put("sequence", scan.sequence());
        o.put("decidedAt", scan.decidedAt());
        o.put("granted", scan.granted());
        o.put("reason", scan.reason());
        putIfPresent(o, "cti", scan.cti());
        putIfPresent(o, "iss", scan.iss());
        putIfPresent(o, "sub", scan.sub());
        putIfPresent(o, "zone", scan.zone());
        putIfPresent(o, "direction", scan.direction());
        ObjectNode micros = o.putObject("micros");
        micros.put("decode", scan.micros().decode());
        micros.put("verify", scan.micros().verify());
        micros.put("decide", scan.micros().decide());
        micros.put("frameToRelay", scan.micros().frameToRelay());
        o.put("batchId", batch.batchId());
        o.put("receivedAt", receivedAt.toString());
        return JSON.writeValueAsString(o);
    }

    private static void putIfPresent(ObjectNode o, String field, String value) {
        if (value != null) {
            o.put(field, value);
        }
    }

    /** A message from a {@code <prefix>/status} topic: {@code online} or {@code offline} (retained). */
    public synchronized void status(String topic, byte[] payload, Instant receivedAt) {
        String text = Refused.printable(new String(payload, StandardCharsets.UTF_8).strip(), MAX_STATUS);
        update(prefix(topic, STATUS), p -> p.withStatus(text.isEmpty() ? "(empty)" : text, receivedAt));
    }

    /** A message from a {@code <prefix>/heartbeat} topic; only its arrival is kept (its fields are the terminal's). */
    public synchronized void heartbeat(String topic, Instant receivedAt) {
        update(prefix(topic, HEARTBEAT), p -> p.withHeartbeat(receivedAt));
    }

    /**
     * A message from a {@code <prefix>/alarms} topic (retained JSON, docs/telemetry.md): its {@code active}
     * codes are kept for the table; a message that is not such JSON shows as {@code unreadable}.
     */
    public synchronized void alarms(String topic, byte[] payload) {
        update(prefix(topic, ALARMS), p -> p.withAlarms(activeAlarms(payload)));
    }

    private void update(String prefix, java.util.function.UnaryOperator<Presence> change) {
        Presence old = presence.get(prefix);
        if (old == null && presence.size() >= maxPresence) {
            return; // a broker full of made-up topics costs no more memory than maxPresence terminals
        }
        presence.put(prefix, change.apply(old == null ? Presence.NONE : old));
    }

    /** The {@code active} codes, comma-separated, at most {@link #MAX_ALARMS} characters; {@code unreadable} else. */
    static String activeAlarms(byte[] payload) {
        if (payload.length > MAX_ALARMS_PAYLOAD) {
            return UNREADABLE;
        }
        try {
            JsonNode root = JSON.readTree(payload);
            JsonNode active = root == null || !root.isObject() ? null : root.get("active");
            if (active == null || !active.isArray()) {
                return UNREADABLE;
            }
            List<String> codes = new ArrayList<>();
            for (JsonNode code : active.values()) {
                if (!code.isString() || !code.stringValue().matches("[a-z][a-z0-9_]{0,63}")) {
                    return UNREADABLE;
                }
                codes.add(code.stringValue());
            }
            return Refused.printable(String.join(",", codes), MAX_ALARMS);
        } catch (JacksonException e) {
            return UNREADABLE;
        }
    }

    /** The counts so far. */
    public synchronized Counts counts() {
        return new Counts(batches, scans, duplicates, refused);
    }

    /** The fleet status table (see {@link FleetStatusTable}) as of {@code now}. */
    public synchronized String statusTable(Instant now) {
        return FleetStatusTable.render(now, counts(), ledger.terminals(), prefixes, presence);
    }

    /** The topic without its last level {@code /suffix}; the topic itself if it does not end so. */
    static String prefix(String topic, String suffix) {
        return topic.endsWith("/" + suffix) ? topic.substring(0, topic.length() - suffix.length() - 1) : topic;
    }
}
