package io.limen.agent.scanlog;

/**
 * The outbox file cannot be used: its message names the file and what is wrong with it in words that
 * send a person the right way ("is locked by another process", "has schema version 3, newer than ...").
 */
public final class OutboxException extends Exception {

    /** What kind of trouble, so the writer reports a change of trouble and not every retry. */
    public enum Kind { LOCKED, DAMAGED, NEWER_SCHEMA, NOT_AN_OUTBOX, CANNOT_OPEN, READ_ONLY, DISK_FULL, IO }

    private final Kind kind;

    public OutboxException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
