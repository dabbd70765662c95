package io.limen.agent.revocation;

/**
 * The terminal's own revocation file is unusable (not a SQLite database, wrong schema, bad rows) or
 * SQLite failed. The message names the file. Unchecked: nothing on the scan path can repair it; the
 * caller that owns the file decides whether to rebuild it from the next full list.
 */
public final class RevocationStoreException extends RuntimeException {

    RevocationStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    RevocationStoreException(String message) {
        super(message);
    }
}
