package io.limen.format.telemetry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The JSON Schema (draft 2020-12) of a telemetry batch, schema version 1: the one file both sides of the
 * wire read, the agent's tests for what it sends and the reference consumer ({@code limen provision
 * consume}) for what it accepts. docs/telemetry-batch.schema.json is a copy for readers; a test fails
 * when the two differ.
 */
public final class BatchSchema {

    /** The class-path resource holding the schema. */
    public static final String RESOURCE = "/io/limen/format/telemetry/telemetry-batch.schema.json";

    /** The schema version the file describes, as the {@code limen-schema} user property carries it. */
    public static final int VERSION = 1;

    private BatchSchema() {
    }

    /**
     * The schema's text (UTF-8).
     *
     * @throws IllegalStateException if the resource is missing from the class path (a broken build)
     */
    public static String text() {
        try (InputStream in = BatchSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing: the build is broken");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + RESOURCE, e);
        }
    }
}
