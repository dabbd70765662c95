package io.limen.agent.scanlog;

import java.sql.SQLException;

/**
 * What a SQLite error means for the outbox, as an {@link OutboxException} whose message names the
 * file, the trouble in plain words, then SQLite's own text. Result codes: https://sqlite.org/rescode.html.
 */
final class OutboxFailures {

    private OutboxFailures() {
    }

    /** SQLite's primary result code, from {@code e} or the SQLite exception it wraps; 0 if none. */
    private static int code(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.sqlite.SQLiteException sqlite) {
                return sqlite.getErrorCode() & 0xff;
            }
        }
        return 0;
    }

    static OutboxException of(String file, SQLException e) {
        String sqlite = " (SQLite: " + e.getMessage() + ")";
        int code = code(e);
        return switch (code) {
            case 5, 6 -> new OutboxException(OutboxException.Kind.LOCKED, "scan log " + file
                    + " is locked by another process for longer than its busy timeout" + sqlite, e);
            case 11, 26 -> new OutboxException(OutboxException.Kind.DAMAGED, "scan log " + file
                    + " is damaged or not a SQLite database" + sqlite, e);
            case 8 -> new OutboxException(OutboxException.Kind.READ_ONLY, "scan log " + file
                    + " cannot be written (a read-only file or file system)" + sqlite, e);
            case 13 -> new OutboxException(OutboxException.Kind.DISK_FULL, "scan log " + file
                    + " cannot be written: the disk is full" + sqlite, e);
            case 14 -> new OutboxException(OutboxException.Kind.CANNOT_OPEN, "scan log " + file
                    + " cannot be opened (a missing or unwritable folder?)" + sqlite, e);
            default -> new OutboxException(OutboxException.Kind.IO, "scan log " + file + " cannot be used" + sqlite, e);
        };
    }
}
