package io.limen.benchmarks.fleet;

/** The uplink designs a fleet run compares. */
public enum Design {
    /** Limen: outbox, batches, own reconnect loop with full-jitter exponential backoff. */
    LIMEN("limen"),
    /** The same batches on Paho's automatic reconnect (1 s doubling to 120 s, no jitter). */
    PAHO_DEFAULT("paho-default"),
    /** One message per scan, sent at once, on Paho's automatic reconnect. */
    PER_SCAN("per-scan");

    private final String label;

    Design(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** @throws IllegalArgumentException naming the labels there are */
    public static Design of(String label) {
        for (Design d : values()) {
            if (d.label.equals(label)) {
                return d;
            }
        }
        throw new IllegalArgumentException("design must be one of limen, paho-default, per-scan, but was " + label);
    }
}
