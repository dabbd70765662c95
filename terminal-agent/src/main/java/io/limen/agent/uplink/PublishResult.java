package io.limen.agent.uplink;

import java.util.Objects;

/**
 * What became of one QoS 1 publish. Only {@link Status#ACKNOWLEDGED} means the broker took the message:
 * a PUBACK carrying a failure reason code (0x80 and up, such as 0x97 Quota exceeded) is
 * {@link Status#REJECTED}, whatever the client library made of it.
 *
 * @param status     the outcome
 * @param reasonCode the PUBACK's reason code (0x00 Success, 0x10 No matching subscribers, 0x80.. failures),
 *                   or -1 when no PUBACK came
 * @param detail     a short explanation for a log line
 */
public record PublishResult(Status status, int reasonCode, String detail) {

    public enum Status {
        /** A PUBACK with a success reason code (below 0x80). */
        ACKNOWLEDGED,
        /** A PUBACK with a failure reason code (0x80 and up): the broker did not take the message. */
        REJECTED,
        /** No PUBACK within the publish timeout. */
        TIMED_OUT,
        /** Not sent: no connection, or the client failed before a PUBACK. */
        FAILED
    }

    public PublishResult {
        Objects.requireNonNull(status, "status must not be null");
        Objects.requireNonNull(detail, "detail must not be null");
    }

    /** Whether the broker took the message: the only outcome after which it may leave the outbox. */
    public boolean acknowledged() {
        return status == Status.ACKNOWLEDGED;
    }

    static String hex(int code) {
        return String.format("0x%02X", code);
    }
}
