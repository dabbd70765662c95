package io.limen.agent.selftest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One self-test result.
 *
 * @param name   what was checked, a stable word ({@code inputs}, {@code trust}, ...)
 * @param status passed, failed, or skipped (not applicable here)
 * @param needed whether the terminal is unfit to run when it fails (false: the broker, the display)
 * @param detail what was seen, for the technician
 * @param facts  what was measured, for a machine reading {@code --json}: stable keys (docs/commands.md),
 *               values numbers, booleans or text; in insertion order
 */
public record Check(String name, Status status, boolean needed, String detail, Map<String, Object> facts) {

    public enum Status { PASS, FAIL, SKIP }

    public Check {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(status, "status must not be null");
        Objects.requireNonNull(detail, "detail must not be null");
        facts = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(facts, "facts must not be null")));
    }

    public Check(String name, Status status, boolean needed, String detail) {
        this(name, status, needed, detail, Map.of());
    }

    static Check pass(String name, boolean needed, String detail) {
        return new Check(name, Status.PASS, needed, detail);
    }

    static Check fail(String name, boolean needed, String detail) {
        return new Check(name, Status.FAIL, needed, detail);
    }

    static Check skip(String name, String detail) {
        return new Check(name, Status.SKIP, false, detail);
    }

    /** This result with {@code more} facts added after its own. */
    Check with(Map<String, Object> more) {
        Map<String, Object> all = new LinkedHashMap<>(facts);
        all.putAll(more);
        return new Check(name, status, needed, detail, all);
    }

    /** Whether this result stops the terminal from being fit to run. */
    public boolean blocks() {
        return needed && status == Status.FAIL;
    }
}
