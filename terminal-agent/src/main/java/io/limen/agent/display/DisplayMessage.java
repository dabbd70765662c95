package io.limen.agent.display;

import io.limen.agent.policy.Decision;
import java.util.Objects;

/**
 * The line a display shows for a decision: the holder's display name (or "welcome") for a grant, the
 * reason code for a denial, since the code is what a technician looks up; a grant made in a degraded
 * state names its warnings' codes ("welcome, Ada (warning: lists_stale)"). Never the credential itself.
 */
public record DisplayMessage(boolean granted, String line) {

    public DisplayMessage {
        Objects.requireNonNull(line, "line must not be null");
    }

    public static DisplayMessage of(Decision decision) {
        return switch (decision) {
            case Decision.Granted g -> new DisplayMessage(true, "welcome"
                    + g.holder().claims().displayName().map(name -> ", " + name).orElse("")
                    + (g.degraded() ? " (warning: " + String.join(", ", g.warnings().stream().map(r -> r.code()).toList()) + ")" : ""));
            case Decision.Denied d -> new DisplayMessage(false, "refused: " + d.reason().code());
        };
    }
}
