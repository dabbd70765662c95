package io.limen.config;

/** What drives the gate's pins: the real GPIO through Pi4J, or simulated wiring (a laptop, a demo, tests). */
public enum GateDriver {
    /** The Pi's GPIO through Pi4J (gpiod). */
    PI4J,
    /** No hardware: outputs are recorded in memory and inputs never change unless a test drives them. */
    SIMULATED;

    /** The name a config file writes: {@code pi4j}, {@code simulated}. */
    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
