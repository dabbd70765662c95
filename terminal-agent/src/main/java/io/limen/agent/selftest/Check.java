package io.limen.agent.selftest;

import java.util.Objects;

/**
 * One self-test result.
 *
 * @param name   what was checked, a stable word ({@code inputs}, {@code trust}, ...)
 * @param status passed, failed, or skipped (not applicable here)
 * @param needed whether a terminal may run without it passing (false: the broker, the display)
 * @param detail what was seen, for the technician
 */
public record Check(String name, Status status, boolean needed, String detail) {

    public enum Status { PASS, FAIL, SKIP }

    public Check {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(status, "status must not be null");
        Objects.requireNonNull(detail, "detail must not be null");
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

    /** Whether this result stops the terminal from being fit to run. */
    public boolean blocks() {
        return needed && status == Status.FAIL;
    }
}
