package io.limen.agent.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * The demo's central side: a mosquitto on a free loopback port and a subscriber that shows what arrives,
 * when mosquitto is installed; otherwise nothing, and the demo runs without an uplink (it says how to
 * get one).
 */
public final class DemoUplink implements AutoCloseable {

    private static final long OFFLINE_WAIT_NANOS = 3_000_000_000L;

    private final DemoBroker broker;
    private final DemoTelemetry telemetry;
    private final String description;

    private DemoUplink(DemoBroker broker, DemoTelemetry telemetry, String description) {
        this.broker = broker;
        this.telemetry = telemetry;
        this.description = description;
    }

    /** One line: the broker used, or why there is none. */
    public String description() {
        return description;
    }

    /**
     * Starts a broker and its subscriber if mosquitto is installed; never fails the demo.
     */
    public static DemoUplink start() {
        Optional<Path> mosquitto = DemoBroker.find();
        if (mosquitto.isEmpty()) {
            return new DemoUplink(null, null, "uplink: off — mosquitto is not installed (`" + DemoBroker.INSTALL_HINT
                    + "` to see the scans sent as MQTT 5 batches); running without it");
        }
        DemoBroker broker = null;
        try {
            broker = DemoBroker.start(mosquitto.get());
            DemoTelemetry telemetry = new DemoTelemetry(broker.uri());
            return new DemoUplink(broker, telemetry, "uplink: scan log → MQTT 5 batches to " + mosquitto.get() + " at "
                    + broker.uri() + " (started for the demo); a subscriber to limen/# shows what arrives");
        } catch (IOException | MqttException e) {
            if (broker != null) {
                broker.close();
            }
            return new DemoUplink(null, null, "uplink: off — " + mosquitto.get() + " could not be used (" + e.getMessage()
                    + "); running without it");
        }
    }

    /** The broker the demo terminal sends to, if there is one. */
    public Optional<String> brokerUri() {
        return broker == null ? Optional.empty() : Optional.of(broker.uri());
    }

    /**
     * What the subscriber received, once the terminal's {@code offline} has arrived (or 3 s passed); empty
     * without a broker.
     */
    public Optional<List<String>> received() throws InterruptedException {
        if (telemetry == null) {
            return Optional.empty();
        }
        long deadline = System.nanoTime() + OFFLINE_WAIT_NANOS;
        while (telemetry.lines().stream().noneMatch(l -> l.endsWith("  offline")) && System.nanoTime() - deadline < 0) {
            Thread.sleep(20);
        }
        return Optional.of(telemetry.lines());
    }

    @Override
    public void close() {
        if (telemetry != null) {
            telemetry.close();
        }
        if (broker != null) {
            broker.close();
        }
    }
}
