package io.limen.provisioning.telemetry;

/**
 * Why the consumer refused a message, as a stable code (the same words as the agent's reference reader,
 * docs/telemetry.md, "Consuming"). Codes are added, never renamed or reused; {@code RefusalReasonTest}
 * pins them. A refused message changes nothing but the refusal count.
 */
public enum RefusalReason {
    /** {@code limen-schema} missing or not a version this consumer reads, or the JSON's own version disagrees. */
    UNSUPPORTED_VERSION("unsupported_version"),
    /** {@code content-encoding} missing, or neither {@code gzip} nor {@code identity}. */
    UNSUPPORTED_ENCODING("unsupported_encoding"),
    /** gzip declared, but the payload is not gzip, is corrupt or truncated. */
    BAD_GZIP("bad_gzip"),
    /** The payload, or what it inflates to, is longer than the consumer's cap (a gzip bomb costs the cap, no more). */
    TOO_LARGE("too_large"),
    /** Not JSON, or JSON that is not a valid version-1 batch: the schema, the sequence order, the range, the times. */
    MALFORMED("malformed"),
    /** A batch of a terminal beyond the number of terminals the consumer keeps track of. */
    TOO_MANY_TERMINALS("too_many_terminals");

    private final String code;

    RefusalReason(String code) {
        this.code = code;
    }

    /** The stable code, such as {@code bad_gzip}. */
    public String code() {
        return code;
    }

    @Override
    public String toString() {
        return code;
    }
}
