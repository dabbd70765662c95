package io.limen.agent.uplink.throttle;

/**
 * Why a throttle message was refused: stable codes for status and logs (docs/telemetry.md, "Throttle").
 * Codes are added, never renamed or reused.
 */
public enum ThrottleProblem {
    /** Not on the fleet's throttle topic: only that topic is protected by the broker's ACL. */
    WRONG_TOPIC("wrong_topic"),
    /** Larger than {@link ThrottleReader#MAX_BYTES}. */
    TOO_LARGE("too_large"),
    /** Not a JSON object of the documented fields and types. */
    MALFORMED("malformed"),
    /** A {@code version} this terminal does not know. */
    UNSUPPORTED_VERSION("unsupported_version"),
    /** A negative rate or age: no clamping makes sense of it. */
    NEGATIVE("negative"),
    /** Issued longer ago than {@link ThrottleReader#MAX_AGE}: a retained message nobody renewed. */
    STALE("stale"),
    /** Issued further ahead than {@link ThrottleReader#MAX_SKEW} of the terminal's clock. */
    FROM_THE_FUTURE("from_the_future");

    private final String code;

    ThrottleProblem(String code) {
        this.code = code;
    }

    /** The stable code, as status and logs print it. */
    public String code() {
        return code;
    }
}
