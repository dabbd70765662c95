package io.limen.agent.policy;

import io.limen.format.Reason;
import io.limen.format.credential.Credential;
import io.limen.format.credential.Presentation;
import java.util.Optional;

/**
 * Refuses a dynamic code this entrance already granted in its window, or one signed before the terminal
 * started (it may have been granted then, unseen: see {@link Presentations}). Static credentials pass:
 * a printed pass is shown again every day by design. It runs after the entrance's own rules, and the
 * checkpoint records a presentation only when the whole chain granted it: a code refused for another
 * reason is not remembered, and shown again is refused for that reason again.
 */
public final class NotReplayed implements Rule {

    @Override
    public Optional<Decision.Denied> check(Credential credential, ScanContext context) {
        if (credential.presentation().isEmpty()) {
            return Optional.empty();
        }
        Presentation presentation = credential.presentation().get();
        Presentations seen = context.presentations();
        if (seen.granted(credential.revocationKey(), presentation)) {
            return Optional.of(new Decision.Denied(Reason.REPLAYED, Optional.of(credential),
                    "the dynamic code signed at " + presentation.signedAt() + " with nonce " + presentation.nonceHex()
                            + " was already granted here"));
        }
        if (seen.signedBeforeStart(presentation)) {
            return Optional.of(new Decision.Denied(Reason.REPLAYED, Optional.of(credential),
                    "the dynamic code was signed at " + presentation.signedAt() + ", before this terminal started at "
                            + seen.startedAt() + ", so it may have been granted unseen; a new code will do"));
        }
        return Optional.empty();
    }
}
