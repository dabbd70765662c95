package io.limen.benchmarks.fleet;

import io.limen.agent.uplink.LinkException;
import io.limen.agent.uplink.MqttLink;
import java.util.Map;

/** The real link with its connect attempts and successes counted: the terminal's side of the connection rate. */
final class CountingLink implements MqttLink {

    private final MqttLink link;
    private final FleetMeter meter;

    CountingLink(MqttLink link, FleetMeter meter) {
        this.link = link;
        this.meter = meter;
    }

    @Override
    public void connect(ConnectionLost onLost) throws LinkException {
        meter.attempts.incrementAndGet();
        link.connect(onLost);
        meter.connections.incrementAndGet();
    }

    @Override
    public Delivery send(String topic, byte[] payload, Map<String, String> userProperties, boolean retained) {
        return link.send(topic, payload, userProperties, retained);
    }

    @Override
    public void subscribe(String topicFilter, MessageHandler handler) throws LinkException {
        link.subscribe(topicFilter, handler);
    }

    @Override
    public boolean isConnected() {
        return link.isConnected();
    }

    @Override
    public void disconnect() {
        link.disconnect();
    }

    @Override
    public void close() {
        link.close();
    }
}
