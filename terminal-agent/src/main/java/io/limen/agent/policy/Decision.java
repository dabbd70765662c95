package io.limen.agent.policy;

import io.limen.format.Reason;
import io.limen.format.credential.Credential;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the terminal decided for one code: {@link Granted} or {@link Denied} with a reason. A frame
 * with no code gets no decision at all ({@code ScanOutcome.NoCode}).
 */
public sealed interface Decision permits Decision.Granted, Decision.Denied {

    /** {@link Reason#OK} for a grant, else why not. */
    Reason reason();

    /** Present whenever the credential's signature was verified, even if it was then denied. */
    Optional<Credential> credential();

    /** For logs and the command line; not stable, match on {@link #reason}. */
    String detail();

    default boolean granted() {
        return this instanceof Granted;
    }

    static Granted granted(Credential credential) {
        return new Granted(credential);
    }

    static Denied denied(Reason reason, Optional<Credential> credential, String detail) {
        return new Denied(reason, credential, detail);
    }

    /**
     * @param warnings what the entrance admitted despite, in the policy's order: {@code clock_unsynced},
     *                 {@code lists_stale} (a degraded state its config answers by admitting); shown on the
     *                 display's warning line. Empty for a grant in good order.
     */
    record Granted(Credential holder, List<Reason> warnings) implements Decision {
        public Granted {
            Objects.requireNonNull(holder, "holder must not be null");
            warnings = List.copyOf(warnings);
        }

        /** A grant in good order: no warnings. */
        public Granted(Credential holder) {
            this(holder, List.of());
        }

        /** Whether the grant was made in a degraded state (see {@link #warnings}). */
        public boolean degraded() {
            return !warnings.isEmpty();
        }

        @Override
        public Reason reason() {
            return Reason.OK;
        }

        @Override
        public Optional<Credential> credential() {
            return Optional.of(holder);
        }

        @Override
        public String detail() {
            return "granted";
        }
    }

    /**
     * @param reason never {@link Reason#OK} (that is a grant) nor {@link Reason#NO_CODE} (that is no decision)
     */
    record Denied(Reason reason, Optional<Credential> credential, String detail) implements Decision {
        public Denied {
            Objects.requireNonNull(reason, "reason must not be null");
            Objects.requireNonNull(credential, "credential must not be null");
            Objects.requireNonNull(detail, "detail must not be null");
            if (reason == Reason.OK || reason == Reason.NO_CODE) {
                throw new IllegalArgumentException("a denial's reason must be a refusal, but was " + reason.code());
            }
        }
    }
}
