package io.limen.agent.policy;

import io.limen.config.Direction;
import io.limen.format.Reason;
import io.limen.format.credential.Credential;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Anti-passback: refuses a credential granted here in the same direction less than {@code window}
 * ago ({@code passback}), on the monotonic clock (a wall-clock step neither shortens nor lengthens it).
 * At exactly {@code window} after the grant it is admitted again. A grant the gate reported
 * {@code not_passed} was given back ({@link Passages#giveBack}) and does not count.
 */
public final class NoPassback implements Rule {

    private final long windowNanos;
    private final Direction direction;

    /**
     * @param window    how long a grant blocks the same credential, > 0
     * @param direction the way a grant at this terminal lets a person go
     */
    public NoPassback(Duration window, Direction direction) {
        Objects.requireNonNull(window, "window must not be null");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("anti-passback window must be positive, but was " + window.toMillis() + " ms");
        }
        this.windowNanos = window.toNanos();
        this.direction = Objects.requireNonNull(direction, "direction must not be null");
    }

    @Override
    public Optional<Decision.Denied> check(Credential credential, ScanContext context) {
        var last = context.passages().lastGranted(credential.revocationKey(), direction);
        if (last.isEmpty()) {
            return Optional.empty();
        }
        long since = context.monotonicNanos() - last.getAsLong();
        if (since >= windowNanos) {
            return Optional.empty();
        }
        return Optional.of(new Decision.Denied(Reason.PASSBACK, Optional.of(credential), "granted here going "
                + direction.configName() + " " + since / 1_000_000 + " ms ago, within the anti-passback window of "
                + windowNanos / 1_000_000 + " ms"));
    }
}
