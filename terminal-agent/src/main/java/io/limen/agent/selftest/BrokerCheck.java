package io.limen.agent.selftest;

import io.limen.agent.uplink.LinkException;
import io.limen.agent.uplink.PahoMqttLink;
import io.limen.config.UplinkConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One MQTT 5 connect to the broker, as the terminal's uplink makes it ({@link PahoMqttLink}: the same URI,
 * client id, CA file and clean start), with the connect timeout capped at the check's limit, then a clean
 * DISCONNECT (the broker publishes no "offline" will). Reports the CONNACK reason code: 0x00 Success, or
 * the broker's refusal (MQTT 5.0 §3.2.2.2), or why no CONNACK came (unreachable, no answer in time).
 *
 * <p>Not needed: a terminal decides offline and keeps its scans in the scan log; without the broker it is
 * degraded, not unfit. It connects with the terminal's own client id, so a terminal still running would
 * be disconnected by the broker (session takeover): the agent must be stopped, as for the pins.
 */
final class BrokerCheck {

    private BrokerCheck() {
    }

    static Check run(UplinkConfig uplink, Duration limit) {
        Duration timeout = uplink.connectTimeout().compareTo(limit) < 0 ? uplink.connectTimeout() : limit;
        UplinkConfig probe = new UplinkConfig(uplink.brokerUri(), uplink.clientId(), uplink.topicPrefix(), timeout,
                uplink.publishTimeout(), uplink.backoffInitial(), uplink.backoffMax(), uplink.backoffReset(), uplink.caFile(),
                uplink.sessionExpiry(), uplink.maxInFlight(), uplink.heartbeat(), uplink.batch());
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("brokerUri", uplink.brokerUri());
        facts.put("clientId", uplink.clientId());
        long start = System.nanoTime();
        try (PahoMqttLink link = new PahoMqttLink(probe)) {
            link.connect(reason -> { });
            long took = (System.nanoTime() - start) / 1_000_000;
            facts.put("connackReasonCode", 0);
            facts.put("connectMs", took);
            link.disconnect();
            return Check.pass("broker", false, "CONNACK reason code 0x00 (Success) from " + uplink.brokerUri() + " in " + took
                    + " ms, as client " + uplink.clientId()).with(facts);
        } catch (LinkException e) {
            facts.put("connackReasonCode", e.reasonCode().isPresent() ? e.reasonCode().getAsInt() : null);
            facts.put("connectMs", (System.nanoTime() - start) / 1_000_000);
            String why = e.reasonCode().isPresent()
                    ? "refused: CONNACK reason code " + String.format("0x%02X", e.reasonCode().getAsInt()) + " ("
                            + reasonName(e.reasonCode().getAsInt()) + ")"
                    : e.getMessage();
            return Check.fail("broker", false, uplink.brokerUri() + " " + why + " (scans wait in the scan log)").with(facts);
        }
    }

    /** The name MQTT 5.0 gives a CONNACK reason code (§3.2.2.2). */
    static String reasonName(int code) {
        return switch (code) {
            case 0x00 -> "Success";
            case 0x80 -> "Unspecified error";
            case 0x81 -> "Malformed Packet";
            case 0x82 -> "Protocol Error";
            case 0x83 -> "Implementation specific error";
            case 0x84 -> "Unsupported Protocol Version";
            case 0x85 -> "Client Identifier not valid";
            case 0x86 -> "Bad User Name or Password";
            case 0x87 -> "Not authorized";
            case 0x88 -> "Server unavailable";
            case 0x89 -> "Server busy";
            case 0x8A -> "Banned";
            case 0x8C -> "Bad authentication method";
            case 0x90 -> "Topic Name invalid";
            case 0x95 -> "Packet too large";
            case 0x97 -> "Quota exceeded";
            case 0x99 -> "Payload format invalid";
            case 0x9A -> "Retain not supported";
            case 0x9B -> "QoS not supported";
            case 0x9C -> "Use another server";
            case 0x9D -> "Server moved";
            case 0x9F -> "Connection rate exceeded";
            default -> "not an MQTT 5 CONNACK reason code";
        };
    }
}
