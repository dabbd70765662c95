package io.limen.agent.scanlog;

/**
 * A decision handed to the writer and not yet durable.
 *
 * @param handedNanos the writer's monotonic clock when the admit thread handed it over: the start of its
 *                    group-commit window
 */
record Pending(ScanEntry entry, long handedNanos) {
}
