package io.limen.config.yaml;

/** What must be true of a path a config names, checked when the file is loaded. */
public enum PathRule {
    /** An existing regular file the agent reads. */
    FILE("an existing file"),
    /**
     * An existing regular file holding a private key: neither its group nor others may read it (mode
     * 0600 or 0400), as ssh insists for its keys. Not checked on file systems without POSIX modes.
     */
    PRIVATE_KEY("an existing file that only its owner can read (chmod 600)"),
    /** An existing device or file, not a folder: {@code /dev/video0}. */
    DEVICE("an existing device"),
    /** An existing file or folder. */
    FILE_OR_FOLDER("an existing file or folder"),
    /** An existing folder. */
    FOLDER("an existing folder"),
    /** A file that may not exist yet (the agent creates it) in an existing folder. */
    FILE_IN_FOLDER("a file in an existing folder"),
    /**
     * A file the agent reads when it needs it and does without when it cannot ({@code display.font}):
     * only a folder is refused at load; a missing or broken file is reported where it is read.
     */
    FILE_READ_LATER("a file (read when used; a missing one is reported then)");

    private final String rule;

    PathRule(String rule) {
        this.rule = rule;
    }

    /** The rule in the words of a problem message: "an existing file". */
    public String rule() {
        return rule;
    }
}
