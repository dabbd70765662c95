package io.limen.config.yaml;

/** A place in the config file, 1-based as editors count: line 1, column 1 is the first character. */
record Position(int line, int column) {

    static final Position START = new Position(1, 1);
}
